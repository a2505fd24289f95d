// OpenIddict 7.8 as its documentation sets up an API that issues and accepts its own tokens: the server with EF Core
// stores on SQLite (token storage on, the default), the password grant for the benchmark's logins, the RFC 7009
// revocation endpoint, and OpenIddict.Validation with the local-server integration protecting GET /me. Two modes:
//   --Mode=Jwt        access tokens are JWTs (signed and encrypted, the default) validated locally: no database
//                     read per request, and a revoked access token is accepted until it expires;
//   --Mode=Reference  reference access tokens with token-entry validation: a database read per request.
//   run:   --urls ... --Mode=Jwt|Reference --ConnectionStrings:Peer="Data Source=peer.db" --Users=USERS_FILE
//   seed:  seed DB     (the schema and the public client "bench" allowed the password grant and revocation)
// USERS_FILE holds one "email password" per line. Both instances of a mode share the database and the development
// signing and encryption certificates (kept in the user's X.509 store), as a load-balanced deployment must.
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

if (args.FirstOrDefault() == "seed") return await SeedAsync(args[1]);

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var reference = string.Equals(builder.Configuration["Mode"], "Reference", StringComparison.OrdinalIgnoreCase);
builder.Services.AddDbContext<PeerDb>(o => o.UseSqlite(builder.Configuration.GetConnectionString("Peer")).UseOpenIddict());
AddOpenIddictCore(builder.Services)
    .AddServer(o =>
    {
        // One issuer for both instances (by default it is the URL each one is reached at).
        o.SetIssuer(new Uri("http://openiddict-peer.local/"));
        o.SetTokenEndpointUris("connect/token").SetRevocationEndpointUris("connect/revoke");
        o.AllowPasswordFlow();
        // A symmetric encryption key, as the documentation offers for a server that is its own resource server:
        // with the RSA development certificate every request paid an RSA decryption (about 300 req/s on one core).
        o.AddEncryptionKey(new SymmetricSecurityKey(PeerUsers.EncryptionKey)).AddDevelopmentSigningCertificate();
        if (reference) o.UseReferenceAccessTokens();
        o.UseAspNetCore().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
    })
    .AddValidation(o =>
    {
        o.UseLocalServer();
        if (reference) o.EnableTokenEntryValidation();
        o.UseAspNetCore();
    });
builder.Services.AddAuthentication(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
builder.Services.AddAuthorization();

var users = PeerUsers.Read(builder.Configuration["Users"] ?? throw new InvalidOperationException("--Users=FILE is required."));
var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapGet("/", () => reference ? "openiddict peer, reference tokens" : "openiddict peer, JWT access tokens");
app.MapPost("/connect/token", (HttpContext http) =>
{
    var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict request.");
    if (!request.IsPasswordGrantType() || request.Username is null || !users.TryGetValue(request.Username, out var user) || user.Password != request.Password)
        return Results.Forbid(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
    identity.SetClaim(Claims.Subject, user.Id).SetClaim(Claims.Email, user.Email).SetClaim(Claims.Name, user.Email);
    identity.SetDestinations(_ => [Destinations.AccessToken]);
    return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
});
app.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new
{
    id = user.FindFirstValue(Claims.Subject),
    email = user.FindFirstValue(Claims.Email),
    displayName = (string?)null,
    roles = user.FindAll(Claims.Role).Select(c => c.Value).ToArray(),
    tokenVersion = 0,
    createdAt = (DateTimeOffset?)null,
})).RequireAuthorization();
app.Run();
return 0;

static OpenIddictBuilder AddOpenIddictCore(IServiceCollection services) =>
    services.AddOpenIddict().AddCore(o => o.UseEntityFrameworkCore().UseDbContext<PeerDb>());

static async Task<int> SeedAsync(string database)
{
    var seeding = Host.CreateApplicationBuilder();
    seeding.Logging.ClearProviders();
    seeding.Services.AddDbContext<PeerDb>(o => o.UseSqlite($"Data Source={database}").UseOpenIddict());
    AddOpenIddictCore(seeding.Services);
    using var host = seeding.Build();
    await using var scope = host.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<PeerDb>().Database.EnsureCreatedAsync();
    await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
    {
        ClientId = PeerUsers.ClientId,
        ClientType = ClientTypes.Public,
        Permissions = { Permissions.Endpoints.Token, Permissions.Endpoints.Revocation, Permissions.GrantTypes.Password },
    });
    Console.WriteLine($"seeded the OpenIddict schema and the client \"{PeerUsers.ClientId}\" into {database}");
    return 0;
}

internal sealed record PeerUser(string Id, string Email, string Password);

internal static class PeerUsers
{
    public const string ClientId = "bench";

    /// <summary>Shared by both instances of a mode; a benchmark's key, never a deployment's.</summary>
    public static readonly byte[] EncryptionKey = System.Security.Cryptography.SHA256.HashData("openiddict peer encryption key"u8);

    public static Dictionary<string, PeerUser> Read(string file) => File.ReadLines(file)
        .Where(line => line.Length > 0)
        .Select((line, i) => line.Split(' ', 2) is [var email, var password] ? new PeerUser($"00000000-0000-4000-8000-{i:D12}", email, password) : throw new FormatException(file))
        .ToDictionary(u => u.Email, StringComparer.Ordinal);
}

internal sealed class PeerDb(DbContextOptions<PeerDb> options) : DbContext(options);
