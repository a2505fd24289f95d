using System.Security.Claims;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using TokenVersioning.Client;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// The resource-server package's handler deciding a cached verdict, against stock JwtBearer validating a comparable
/// stateless HS256 token, each through <c>IAuthenticationService.AuthenticateAsync</c>, in one run.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(HotPathConfig))]
public class ClientBenchmarks
{
    private IServiceProvider _services = null!;
    private DefaultHttpContext _ours = null!;
    private DefaultHttpContext _jwt = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddAuthentication()
            .AddTokenVersioning(o =>
            {
                o.Authority = new Uri("http://127.0.0.1:9"); // never called: every request below is a cached verdict
                (o.ClientId, o.ClientSecret) = ("bench", "bench");
                o.MaxStaleness = TimeSpan.FromHours(1); // confirmed once below, as a heartbeat would
            })
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = BenchHost.Issuer, ValidAudience = BenchHost.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(StatelessClaims.FixedKey), ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RoleClaimType = "role",
                };
            });
        _services = services.BuildServiceProvider();

        var userId = Guid.NewGuid();
        var stateless = StatelessClaims.Issue(userId);
        var runtime = _services.GetRequiredKeyedService<TokenVersioningRuntime>(TokenVersioningExtensions.DefaultScheme);
        // A token of the same shape and size: the stateless one's text, cached as the service's acceptance.
        var ours = stateless;
        TokenFacts.TryRead(ours, out var facts);
        runtime.Cache.Add(TokenKey.Of(ours), new Verdict(userId, Guid.NewGuid(), 1, ["user"], facts.Expires));
        runtime.Confirmation.Confirm();

        _ours = Context(ours);
        _jwt = Context(stateless);
    }

    private DefaultHttpContext Context(string token)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Headers.Authorization = "Bearer " + token;
        return context;
    }

    [Benchmark(Baseline = true, Description = "JwtBearer, stateless HS256")]
    public Task<ClaimsPrincipal?> JwtBearer() => AuthenticateAsync(_jwt, JwtBearerDefaults.AuthenticationScheme);

    [Benchmark(Description = "TokenVersioning.Client, cached verdict")]
    public Task<ClaimsPrincipal?> Package() => AuthenticateAsync(_ours, TokenVersioningExtensions.DefaultScheme);

    /// <summary>As a request does: a scope of its own, so that the handler is new and decides again (it keeps its result per request).</summary>
    private async Task<ClaimsPrincipal?> AuthenticateAsync(DefaultHttpContext context, string scheme)
    {
        await using var scope = _services.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        return (await scope.ServiceProvider.GetRequiredService<IAuthenticationService>().AuthenticateAsync(context, scheme)).Principal;
    }
}
