using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Infrastructure.Telemetry;

namespace TokenVersioning.Api.Tests;

/// <summary>The meter <c>TokenVersioning</c> counts known traffic exactly, and <c>/metrics</c> serves it to Prometheus.</summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsTests(ApiFactory factory) : ApiTest(factory)
{
    private MetricCollector<long> Collect(string instrument) =>
        new(Factory.Services.GetRequiredService<IMeterFactory>(), TokenVersioningMetrics.MeterName, instrument);

    private static long Count(MetricCollector<long> collector, string tag, string value) =>
        collector.GetMeasurementSnapshot().Where(m => Equals(m.Tags[tag], value)).Sum(m => m.Value);

    [Fact]
    public async Task KnownTraffic_IsCountedByResultEventAndOutcome()
    {
        using var validations = Collect("tokenversioning.token.validations");
        using var revocations = Collect("tokenversioning.revocations");
        using var logins = Collect("tokenversioning.logins");
        using var lookups = Collect("tokenversioning.cache.lookups");
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "a wrong password" });

        await GetMeAsync(tokens.AccessToken);
        await GetMeAsync(tokens.AccessToken);
        await SendRawAuthorizationAsync("/api/users/me", "Bearer a.b.c");
        await GetMeAsync(null);
        await SendAsync(HttpMethod.Post, "/api/auth/logout", tokens.AccessToken);
        await GetMeAsync(tokens.AccessToken);

        Assert.Equal(3, Count(validations, "result", "ok")); // two /me and the logout
        Assert.Equal(1, Count(validations, "result", "token_invalid"));
        // Only protected routes check a token: register and the two logins are not counted, the /me without one is.
        Assert.Equal(1, Count(validations, "result", "token_missing"));
        Assert.Equal(1, Count(validations, "result", "token_revoked"));
        Assert.Equal(1, Count(revocations, "event", "logout"));
        Assert.Equal(1, Count(logins, "outcome", "success"));
        Assert.Equal(1, Count(logins, "outcome", "invalid_credentials"));
        Assert.Equal(2, Count(lookups, "result", "miss")); // the first /me, and the one after the logout
        Assert.Equal(2, Count(lookups, "result", "hit"));
    }
}
