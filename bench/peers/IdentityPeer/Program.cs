// ASP.NET Core Identity's own API endpoints with its bearer tokens (MapIdentityApi), on EF Core and SQLite, set
// up as "Use Identity to secure a Web API backend for SPAs" describes. Its revocation story is the security
// stamp: logout here updates it (UserManager.UpdateSecurityStampAsync), which stops refresh tokens; the access
// token itself is a data-protected ticket that is not checked against the stamp on each request.
//   run:   --urls ... --ConnectionStrings:Peer="Data Source=peer.db" --KeysDirectory=DIR
//   seed:  seed DB USERS EMAILS_FILE   (users with a bench password; a cheap hash only so that seeding is quick)
using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

if (args.FirstOrDefault() == "seed") return await SeedAsync(args[1], int.Parse(args[2]), args[3]);

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddDbContext<PeerDb>(o => o.UseSqlite(builder.Configuration.GetConnectionString("Peer")));
builder.Services.AddAuthorization();
builder.Services.AddIdentityApiEndpoints<IdentityUser>().AddEntityFrameworkStores<PeerDb>();
builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = PeerDb.BenchIterations);
// Two instances share the store and the data-protection keys, as a load-balanced deployment must.
builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["KeysDirectory"] ?? "keys"))
    .SetApplicationName("identity-peer");

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapIdentityApi<IdentityUser>();
app.MapGet("/", () => "identity peer");
app.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new
{
    id = user.FindFirstValue(ClaimTypes.NameIdentifier),
    email = user.FindFirstValue(ClaimTypes.Name),
    displayName = (string?)null,
    roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
    tokenVersion = 0,
    createdAt = (DateTimeOffset?)null,
})).RequireAuthorization();
app.MapPost("/logout", async (ClaimsPrincipal principal, UserManager<IdentityUser> users) =>
{
    var user = await users.GetUserAsync(principal);
    if (user is null) return Results.Unauthorized();
    await users.UpdateSecurityStampAsync(user);
    return Results.NoContent();
}).RequireAuthorization();
app.Run();
return 0;

static async Task<int> SeedAsync(string database, int count, string emailsFile)
{
    var seeding = Host.CreateApplicationBuilder();
    seeding.Logging.ClearProviders();
    seeding.Services.AddDbContext<PeerDb>(o => o.UseSqlite($"Data Source={database}"));
    seeding.Services.AddIdentityCore<IdentityUser>().AddEntityFrameworkStores<PeerDb>();
    seeding.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = PeerDb.BenchIterations);
    using var host = seeding.Build();
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<PeerDb>();
    await db.Database.EnsureCreatedAsync();
    var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<IdentityUser>>();
    var emails = new List<string>(count);
    for (var i = 0; i < count; i++)
    {
        var email = $"peer{i}@example.com";
        var user = new IdentityUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString("N") };
        user.PasswordHash = hasher.HashPassword(user, PeerDb.BenchPassword);
        db.Users.Add(user);
        emails.Add(email);
        if (i % 1000 == 999) await db.SaveChangesAsync();
    }

    await db.SaveChangesAsync();
    await File.WriteAllLinesAsync(emailsFile, emails);
    Console.WriteLine($"seeded {count:N0} Identity users into {database}");
    return 0;
}

internal sealed class PeerDb(DbContextOptions<PeerDb> options) : IdentityDbContext<IdentityUser>(options)
{
    public const string BenchPassword = "Bench-peer-password-1";

    /// <summary>The default is 100,000 PBKDF2 rounds; 10,000 logins at that cost would make the setup, not the benchmark.</summary>
    public const int BenchIterations = 1_000;
}
