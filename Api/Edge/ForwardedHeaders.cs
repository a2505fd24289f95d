using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace TokenVersioning.Api.Edge;

/// <summary>
/// The client's address and scheme behind a reverse proxy: <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// from <c>ReverseProxy:TrustedProxies</c> only, and only the last hop (the proxy sets it; anything a client
/// wrote before it is not believed). Every later use of the address (rate limits, sign-in protection, logs)
/// reads <c>Connection.RemoteIpAddress</c>, which this sets.
/// </summary>
internal static class ForwardedHeaders
{
    public static IServiceCollection AddForwardedHeadersFromTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverseProxyOptions>, ReverseProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxies) =>
        {
            forwarded.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor |
                                         Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = 1;
            // The framework trusts loopback by default; here nothing is trusted unless configured.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var entry in proxies.Value.TrustedProxies)
            {
                if (TrustedProxy.TryParse(entry, out var network)) forwarded.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    public static WebApplication UseForwardedHeadersFromTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.TrustedProxies.Count > 0) app.UseForwardedHeaders();
        return app;
    }
}
