using System.Security.Claims;
using TokenVersioning.Client;

var builder = WebApplication.CreateBuilder(args);

// The package: TokenVersioning's tokens, verified by the service once, then trusted while its event stream says so.
builder.Services.AddAuthentication(TokenVersioningExtensions.DefaultScheme)
    .AddTokenVersioning(options => builder.Configuration.GetSection("TokenVersioning").Bind(options));
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/", () => Results.Ok(new { service = "orders", routes = new[] { "/orders (user)", "/reports (admin)" } }));
app.MapGet("/orders", (ClaimsPrincipal user) => Results.Ok(new { user = user.FindFirstValue("sub"), orders = Array.Empty<string>() }))
    .RequireAuthorization(policy => policy.RequireRole("user"));
app.MapGet("/reports", (ClaimsPrincipal user) => Results.Ok(new { user = user.FindFirstValue("sub"), reports = Array.Empty<string>() }))
    .RequireAuthorization(policy => policy.RequireRole("admin"));

app.Run();

