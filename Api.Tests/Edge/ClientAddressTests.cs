using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Edge;

/// <summary>
/// The client address behind the shipped load-balancer configuration (deploy/nginx-cluster.conf in Debian's nginx),
/// with clients at distinct loopback addresses: per-client limits key on the real client, never on the proxy and
/// never on what a client writes in X-Forwarded-For.
/// </summary>
[Trait("Servers", "nginx")]
public sealed class ClientAddressTests : IAsyncLifetime
{
    private const int RegisterLimit = 10; // RateLimiting:RegisterPerMinutePerClient's default

    private ServiceProcess _behindProxy = null!;
    private ServiceProcess _direct = null!;
    private NginxBalancer _nginx = null!;

    public async Task InitializeAsync()
    {
        _behindProxy = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["RateLimiting:Enabled"] = "true", ["ReverseProxy:TrustedProxies:0"] = "127.0.0.1",
        });
        _direct = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["RateLimiting:Enabled"] = "true" });
        _nginx = await NginxBalancer.StartAsync(_behindProxy.Url);
    }

    public async Task DisposeAsync()
    {
        await _nginx.DisposeAsync();
        await _behindProxy.DisposeAsync();
        await _direct.DisposeAsync();
    }

    [Fact]
    public async Task BehindNginx_OneClientExhaustingItsLimit_LeavesAnotherClientsFirstRequestAlone()
    {
        using var first = FromAddress.Client("127.0.0.2");
        using var second = FromAddress.Client("127.0.0.3");

        var firstAnswers = await RegisterManyAsync(first, _nginx.Url, RegisterLimit + 1);
        var secondsFirst = await RegisterAsync(second, _nginx.Url);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, RegisterLimit).Append(HttpStatusCode.TooManyRequests), firstAnswers);
        Assert.Equal(HttpStatusCode.Created, secondsFirst.StatusCode);
    }

    [Fact]
    public async Task BehindNginx_AClientsOwnForwardedFor_CannotPickItsBucket()
    {
        using var client = FromAddress.Client("127.0.0.4");
        await RegisterManyAsync(client, _nginx.Url, RegisterLimit);

        var spoofed = await RegisterAsync(client, _nginx.Url, forwardedFor: "127.0.0.99");
        var spoofedList = await RegisterAsync(client, _nginx.Url, forwardedFor: "198.51.100.7, 127.0.0.98");

        await AssertLimitedAsync(spoofed);
        await AssertLimitedAsync(spoofedList);
    }

    [Fact]
    public async Task ANodeThatTrustsNoProxy_KeysADirectRequestOnItsRealAddress_WhateverItsForwardedFor()
    {
        using var client = FromAddress.Client("127.0.0.5");
        using var other = FromAddress.Client("127.0.0.6");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= RegisterLimit; i++)
            answers.Add((await RegisterAsync(client, _direct.Url, forwardedFor: $"10.0.0.{i + 1}")).StatusCode);
        var othersFirst = await RegisterAsync(other, _direct.Url, forwardedFor: "127.0.0.5");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Created, RegisterLimit).Append(HttpStatusCode.TooManyRequests), answers);
        Assert.Equal(HttpStatusCode.Created, othersFirst.StatusCode);
    }

    [Fact]
    public async Task WithEveryNodeDown_TheBalancerAnswersA503Problem()
    {
        await _behindProxy.StopAsync();
        using var client = new HttpClient();

        var response = await client.GetAsync(_nginx.Url + "/api/users/me");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("service_unavailable", problem.GetProperty("code").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Metrics_AreNeverForwardedByTheBalancer()
    {
        using var client = new HttpClient();

        var response = await client.GetAsync(_nginx.Url + "/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheBalancer_SendsTheNodesNoClientSuppliedIdentityOrForwardingHeader()
    {
        await using var echo = new HeaderEcho();
        await using var nginx = await NginxBalancer.StartAsync(echo.Url);
        using var client = FromAddress.Client("127.0.0.7");
        var request = new HttpRequestMessage(HttpMethod.Get, nginx.Url + "/api/users/me");
        foreach (var header in new[] { "X-User-Id", "X-Session-Id", "X-User-Roles", "X-Token-Version", "X-User-Email", "X-Forwarded-Host" })
            request.Headers.TryAddWithoutValidation(header, "spoofed");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "a.b.c");

        var received = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        var headers = received.Split("\r\n").Skip(1).Select(l => l.Split(':', 2)).ToLookup(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());

        Assert.DoesNotContain("spoofed", received);
        Assert.DoesNotContain(headers, h => h.Key.StartsWith("x-user-", StringComparison.Ordinal));
        Assert.Equal(["127.0.0.7"], headers["x-forwarded-for"]);
        Assert.Equal(["http"], headers["x-forwarded-proto"]);
        Assert.Equal(["Bearer a.b.c"], headers["authorization"]);
    }

    private static async Task<List<HttpStatusCode>> RegisterManyAsync(HttpClient client, string url, int count)
    {
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++) answers.Add((await RegisterAsync(client, url)).StatusCode);
        return answers;
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string url, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url + "/api/auth/register")
        {
            Content = JsonContent.Create(new { email = $"addr-{Guid.NewGuid():N}@example.com", password = ApiTest.Password }),
        };
        if (forwardedFor is not null) request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("too_many_requests", await response.Content.ReadAsStringAsync());
    }
}
