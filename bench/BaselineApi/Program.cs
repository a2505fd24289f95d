// The HTTP benchmark's baselines: GET /api/users/me behind stock JwtBearer authentication with one fixed
// HS256 key, answered exactly as the service answers it (an MVC controller over the same profile cache), so the
// comparison is of authentication alone. Mode=DbLookup adds what devise-jwt-style revocation does: a database
// query of the user's current version on every request.
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using TokenVersioning.Infrastructure.Accounts;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Persistence;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var lookup = builder.Configuration["Mode"] == "DbLookup";
builder.Services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(builder.Configuration.GetConnectionString("TokenVersioning")));
builder.Services.AddOptions<RevocationCacheOptions>();
builder.Services.AddSingleton<ProfileCache>();
builder.Services.AddAuthorization();
builder.Services.AddControllers();
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
{
    o.MapInboundClaims = false;
    o.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = "https://tokenversioning.bench",
        ValidAudience = "tokenversioning-api",
        IssuerSigningKey = new SymmetricSecurityKey(SHA256.HashData("a stateless deployment's one signing key"u8)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "sub",
        RoleClaimType = "role",
    };
    if (!lookup) return;
    o.Events = new JwtBearerEvents
    {
        OnTokenValidated = async context =>
        {
            var userId = Guid.Parse(context.Principal!.FindFirstValue("sub")!);
            var claimed = long.Parse(context.Principal!.FindFirstValue("ver")!);
            var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
            var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => (long?)u.TokenVersion).FirstOrDefaultAsync();
            if (current != claimed) context.Fail("revoked");
        },
    };
});

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();
// The resource-server sample's route (samples/ResourceServer), here behind stock JwtBearer: the package's baseline.
app.MapGet("/orders", (ClaimsPrincipal user) => Results.Ok(new { user = user.FindFirstValue("sub"), orders = Array.Empty<string>() }))
    .RequireAuthorization(policy => policy.RequireRole("user"));
// The floor: what Kestrel and routing answer on this machine with no authentication at all, a constant body of
// /me's size. No variant that checks a token can be faster; bench-peers.sh reports it beside the others.
var floorBody = System.Text.Encoding.UTF8.GetBytes(
    """{"id":"00000000-0000-4000-8000-000000000001","email":"peer1@example.com","displayName":null,"roles":["user"],"tokenVersion":1,"createdAt":"2026-12-01T00:00:00+00:00"}""");
app.MapGet("/api/floor", () => Results.Bytes(floorBody, "application/json"));
app.Run();

[ApiController]
[Authorize]
[Route("api/users/me")]
public sealed class MeController : ControllerBase
{
    [HttpGet]
    public async Task<IActionResult> Me([FromServices] ProfileCache profiles, CancellationToken ct)
    {
        var profile = await profiles.GetAsync(Guid.Parse(User.FindFirstValue("sub")!), ct);
        // The roles come from the token, as in the service (a role change raises the version).
        IReadOnlyList<string> roles = [.. User.Claims.Where(c => c.Type is "role" or ClaimTypes.Role).Select(c => c.Value)];
        return profile is null ? NotFound() : Ok(CurrentUser.From(profile, long.Parse(User.FindFirstValue("ver")!), roles));
    }
}
