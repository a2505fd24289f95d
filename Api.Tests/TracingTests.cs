using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Infrastructure.Telemetry;

namespace TokenVersioning.Api.Tests;

/// <summary>Each revocation is a span of the request's trace, with the event and the new version, and nothing secret.</summary>
[Collection(ApiCollection.Name)]
public sealed class TracingTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task ARevocation_IsASpanWithItsEventAndNewVersion()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TokenVersioningMetrics.MeterName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var tokens = await LoginAsync(await RegisterAsync());
        var trace = ActivityTraceId.CreateRandom();

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout-all");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        Assert.Equal(HttpStatusCode.NoContent, (await Client.SendAsync(request)).StatusCode);

        var span = Assert.Single(spans, s => s.TraceId == trace && s.OperationName == "revocation");
        Assert.Equal("logout_all", span.GetTagItem("tokenversioning.event"));
        Assert.Equal(2L, span.GetTagItem("tokenversioning.token_version"));
        Assert.All(span.TagObjects, tag => Assert.DoesNotContain(tokens.AccessToken.Split('.')[2], tag.Value?.ToString() ?? ""));
    }
}
