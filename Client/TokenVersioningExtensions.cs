using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TokenVersioning.Client;

public static class TokenVersioningExtensions
{
    public const string DefaultScheme = "TokenVersioning";

    /// <summary>
    /// Authenticates TokenVersioning access tokens: <c>services.AddAuthentication().AddTokenVersioning(o => ...)</c>.
    /// Options are validated at start-up (a bad one stops it, naming the key under <paramref name="configurationSection"/>).
    /// </summary>
    public static AuthenticationBuilder AddTokenVersioning(
        this AuthenticationBuilder builder, Action<TokenVersioningOptions> configure, string scheme = DefaultScheme,
        string configurationSection = DefaultScheme)
    {
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<TokenVersioningOptions>>(new TokenVersioningOptionsValidator(configurationSection));
        services.AddOptions<TokenVersioningOptions>(scheme).Configure(configure).ValidateOnStart();
        services.TryAddTimeProvider();
        services.AddMetrics();

        var checks = $"{scheme}.checks";
        var stream = $"{scheme}.events";
        foreach (var (name, timeout) in new[] { (checks, (TimeSpan?)null), (stream, Timeout.InfiniteTimeSpan) })
        {
            services.AddHttpClient(name, (sp, http) =>
                {
                    var options = sp.GetRequiredService<IOptionsMonitor<TokenVersioningOptions>>().Get(scheme);
                    http.BaseAddress = new Uri(options.Authority!.ToString().TrimEnd('/') + "/");
                    http.Timeout = timeout ?? options.RequestTimeout + TimeSpan.FromSeconds(1);
                    http.DefaultRequestVersion = HttpVersion.Version11;
                })
                // A redirect is never followed: the token would go wherever the answer points.
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    MaxResponseHeadersLength = 16, // KiB
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                });
        }

        services.AddKeyedSingleton(scheme, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<TokenVersioningOptions>>().Get(scheme);
            var time = sp.GetRequiredService<TimeProvider>();
            var log = new OnceLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger("TokenVersioning.Client"));
            var confirmation = new StreamConfirmation(time);
            TokenVersioningRuntime? runtime = null;
            var metrics = new ClientMetrics(sp.GetRequiredService<IMeterFactory>(), confirmation, () => runtime?.Connected == true);
            var check = new ServiceCheck(sp.GetRequiredService<IHttpClientFactory>().CreateClient(checks), options, log);
            runtime = new TokenVersioningRuntime(options, new VerdictCache(options.CacheSize, time), confirmation, check, metrics, time);
            return runtime;
        });
        services.AddSingleton<IHostedService>(sp =>
        {
            var runtime = sp.GetRequiredKeyedService<TokenVersioningRuntime>(scheme);
            var log = new OnceLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger("TokenVersioning.Client.Events"));
            return new RevocationFollower(runtime, sp.GetRequiredService<IHttpClientFactory>().CreateClient(stream),
                new RevocationEvents(runtime.Cache, runtime.Confirmation, log), log);
        });

        return builder.AddScheme<TokenVersioningOptions, TokenVersioningHandler>(scheme, configure);
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }
}
