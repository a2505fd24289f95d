using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using TokenVersioning.Api.Edge;
using TokenVersioning.Api.Problems;
using TokenVersioning.Infrastructure.Accounts;

namespace TokenVersioning.Api.Auth;

/// <summary>Per-client-address limits on the anonymous routes (the per-account sign-in protection is <see cref="SignInGuard"/>).</summary>
internal static class RateLimitPolicies
{
    public const string Login = "login";
    public const string Register = "register";
    public const string Refresh = "refresh";

    public static IServiceCollection AddAuthRateLimits(this IServiceCollection services)
    {
        services.AddOptions<ClientRateLimitOptions>().BindConfiguration(ClientRateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClientRateLimitOptions>, ClientRateLimitOptionsValidator>();
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Login, context => PerClient(context, o => o.LoginPerMinutePerClient));
            limiter.AddPolicy(Register, context => PerClient(context, o => o.RegisterPerMinutePerClient));
            limiter.AddPolicy(Refresh, context => PerClient(context, o => o.RefreshPerMinutePerClient));
            limiter.OnRejected = async (rejected, ct) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                RetryAfter.Set(rejected.HttpContext.Response, retryAfter);
                var problems = rejected.HttpContext.RequestServices.GetRequiredService<ProblemWriter>();
                await problems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "too_many_requests",
                    "Too many requests", "Too many requests from this client. Try again later.");
            };
        });
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, Func<ClientRateLimitOptions, int> permits)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<ClientRateLimitOptions>>().Value;
        var client = ClientAddress.Of(context);
        if (!options.Enabled) return RateLimitPartition.GetNoLimiter(client);
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(options),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }
}
