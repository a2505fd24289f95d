using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Infrastructure.Telemetry;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.Tests.Edge;

/// <summary>
/// <c>/metrics</c> as Prometheus reads it, on a host of its own (a scrape of the shared host also carries every
/// other test's series): the service's series, buckets that fit seconds, and counters that probes do not move.
/// Alone, not beside other tests: a host's meter provider also hears the meters of every other host in the process.
/// </summary>
[Collection(Alone)]
public sealed class MetricsScrapeTests : ApiTest, IClassFixture<MetricsScrapeTests.Host>
{
    public MetricsScrapeTests(Host host) : base(host) { }

    public const string Alone = "metrics scrape, alone";

    public sealed class Host : ApiFactory;

    [Fact]
    public async Task Metrics_AreServedInThePrometheusFormat()
    {
        var tokens = await LoginAsync(await RegisterAsync());
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens.AccessToken)).StatusCode);

        var text = await ScrapeAsync();

        Assert.Matches("""tokenversioning_token_validations_total\{[^}]*result="ok"[^}]*\} \d+""", text);
        Assert.Contains("tokenversioning_cache_entries", text);
        Assert.Contains("http_server_request_duration_seconds", text);
        Assert.DoesNotContain(tokens.AccessToken, text);
    }

    [Fact]
    public async Task ValidationDurations_FallIntoBucketsThatFitSeconds()
    {
        var metrics = Factory.Services.GetRequiredService<TokenVersioningMetrics>();
        var before = Buckets(await ScrapeAsync(), "tokenversioning_token_validation_duration_seconds", "token_expired");

        // Known durations, recorded as the hot path records them: 3 µs, 40 µs, 800 µs, 7 ms.
        foreach (var seconds in new[] { 0.000003, 0.00004, 0.0008, 0.007 })
            metrics.Validated(TokenFailure.Expired.Result(), TimeSpan.FromSeconds(seconds));
        var after = Buckets(await ScrapeAsync(), "tokenversioning_token_validation_duration_seconds", "token_expired");

        long Added(string le) => after[le] - before.GetValueOrDefault(le);
        Assert.Equal(1, Added("1E-05"));   // 3 µs
        Assert.Equal(1, Added("2.5E-05"));
        Assert.Equal(2, Added("5E-05"));   // + 40 µs
        Assert.Equal(2, Added("0.0005"));
        Assert.Equal(3, Added("0.001"));   // + 800 µs
        Assert.Equal(3, Added("0.005"));
        Assert.Equal(4, Added("0.01"));    // + 7 ms
        Assert.Equal(4, Added("10"));
        Assert.Equal(4, Added("+Inf"));
    }

    [Fact]
    public async Task HttpDurations_HaveBucketsUpToTenSeconds()
    {
        await GetMeAsync(null);

        var buckets = Buckets(await ScrapeAsync(), "http_server_request_duration_seconds", null);

        Assert.Contains("1E-05", buckets.Keys);
        Assert.Contains("10", buckets.Keys);
    }

    [Fact]
    public async Task ProbesAndScrapes_MoveNoValidationCounter()
    {
        var before = ValidationTotals(await ScrapeAsync());

        for (var i = 0; i < 100; i++)
            Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(i % 2 == 0 ? "/health/live" : "/health/ready")).StatusCode);
        for (var i = 0; i < 10; i++) await ScrapeAsync();
        var after = ValidationTotals(await ScrapeAsync());

        Assert.Equal(before, after);
    }

    private async Task<string> ScrapeAsync()
    {
        var response = await Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Each <c>le</c> of a histogram's buckets with its count, summed over series (one result when given).</summary>
    private static Dictionary<string, long> Buckets(string text, string histogram, string? result) =>
        Regex.Matches(text, $$"""^{{histogram}}_bucket\{([^}]*)\} (\d+)""", RegexOptions.Multiline)
            .Where(m => result is null || m.Groups[1].Value.Contains($"result=\"{result}\""))
            .GroupBy(m => Regex.Match(m.Groups[1].Value, "le=\"([^\"]+)\"").Groups[1].Value)
            .ToDictionary(g => g.Key, g => g.Sum(m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));

    private static string ValidationTotals(string text) =>
        string.Join('\n', Regex.Matches(text, """^tokenversioning_token_validations_total\{.*$""", RegexOptions.Multiline).Select(m => m.Value).Order());
}

[CollectionDefinition(MetricsScrapeTests.Alone, DisableParallelization = true)]
public sealed class MetricsScrapeCollection;
