using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.OtherServices;

/// <summary>
/// The shipped nginx configuration for real: Debian's nginx (scripts/gateway.sh) protects a stand-in upstream
/// with auth_request against the service running as its own process. The stand-in echoes the identity and
/// forwarding headers it received, so the tests see exactly what an upstream behind the gateway would trust.
/// </summary>
[Trait("Servers", "nginx")]
public sealed class NginxGatewayTests : IAsyncLifetime
{
    private static readonly string[] Spoofed =
        ["X-User-Id", "X-Session-Id", "X-User-Roles", "X-Token-Version", "X-User-Email", "X-User", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto"];

    private readonly List<(ServiceProcess Service, int GatewayPort)> _started = [];
    private ServiceProcess _service = null!;
    private string _gateway = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() => (_service, _gateway) = await StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var (service, port) in _started)
        {
            await GatewayScript.RunAsync("stop", port.ToString());
            await service.DisposeAsync();
        }

        _http.Dispose();
    }

    [Fact]
    public async Task AValidToken_ReachesTheUpstreamWithItsIdentity_ARevokedOneGets401_AMissingRoleGets403()
    {
        var (id, token) = await SignedInUserAsync();

        var through = await GetAsync("/app/orders", token);
        var echoed = await through.Content.ReadAsStringAsync();
        var forbidden = await GetAsync("/app/admin/reports", token);
        var admin = await GetAsync("/app/admin/reports", await LoginAsync(ServiceProcess.AdminEmail));
        await SendAsync(HttpMethod.Post, $"{_service.Url}/api/auth/logout", token);
        var revoked = await GetAsync("/app/orders", token);

        Assert.Equal(HttpStatusCode.OK, through.StatusCode);
        Assert.Contains($"x-user-id={id:D}\n", echoed);
        Assert.Contains("x-user-roles=user\n", echoed);
        Assert.Contains("x-token-version=1\n", echoed);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Matches("^Bearer error=\"invalid_token\", error_description=\"[^\"]+\"$", Assert.Single(revoked.Headers.GetValues("WWW-Authenticate")));
    }

    [Theory]
    [InlineData("/app/orders", "valid")]
    [InlineData("/app/orders", "revoked")]
    [InlineData("/app/orders", "none")]
    [InlineData("/app/orders", "garbled")]
    [InlineData("/app/admin/reports", "admin")]
    [InlineData("/app/admin/reports", "valid")]
    [InlineData("/app/admin/reports", "revoked")]
    [InlineData("/app/admin/reports", "none")]
    public async Task ClientSuppliedIdentityAndForwardingHeaders_NeverReachTheUpstream(string path, string credentials)
    {
        var (id, token) = credentials == "admin" ? (Guid.Empty, await LoginAsync(ServiceProcess.AdminEmail)) : await SignedInUserAsync();
        if (credentials == "revoked") await SendAsync(HttpMethod.Post, $"{_service.Url}/api/auth/logout-all", token);
        var request = new HttpRequestMessage(HttpMethod.Get, _gateway + path);
        if (credentials != "none") request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credentials == "garbled" ? "a.b.c" : token);
        foreach (var header in Spoofed) request.Headers.TryAddWithoutValidation(header, header == "X-Forwarded-For" ? "203.0.113.9" : "spoofed-999");

        var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("spoofed", body);
        Assert.DoesNotContain("203.0.113.9", body);
        var allowed = credentials == "admin" || (credentials == "valid" && path == "/app/orders");
        if (!allowed)
        {
            // Refused before the upstream: the service's own problem, not the echo.
            Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        if (credentials == "valid") Assert.Equal(id.ToString("D"), echoed["x-user-id"]);
        Assert.True(Guid.TryParse(echoed["x-user-id"], out _), body);
        Assert.True(Guid.TryParse(echoed["x-session-id"], out _), body);
        Assert.Matches("^[a-z,]+$", echoed["x-user-roles"]);
        Assert.Equal("1", echoed["x-token-version"]);
        Assert.Equal("", echoed["x-user-email"]);
        Assert.Equal("", echoed["x-user"]);
        Assert.Equal("127.0.0.1", echoed["x-forwarded-for"]);
        Assert.Equal("http", echoed["x-forwarded-proto"]);
        Assert.Equal("", echoed["x-forwarded-host"]);
    }

    [Fact]
    public async Task ARefusal_IsTheServicesOwnAnswer_ForEveryCode()
    {
        var (id, token) = await SignedInUserAsync();
        var (_, revoked) = await SignedInUserAsync();
        await SendAsync(HttpMethod.Post, $"{_service.Url}/api/auth/logout", revoked);
        var (disabledId, disabled) = await SignedInUserAsync();
        var admin = await LoginAsync(ServiceProcess.AdminEmail);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"{_service.Url}/api/admin/users/{disabledId}/disable", admin)).StatusCode);

        await AssertSameAnswerAsync("/app/orders", "/api/auth/verify", null, "token_missing");
        await AssertSameAnswerAsync("/app/orders", "/api/auth/verify", "a.b.c", "token_invalid");
        await AssertSameAnswerAsync("/app/orders", "/api/auth/verify", revoked, "token_revoked");
        await AssertSameAnswerAsync("/app/orders", "/api/auth/verify", disabled, "user_disabled");
        await AssertSameAnswerAsync("/app/admin/reports", "/api/auth/verify?role=admin", token, "forbidden");
        Assert.NotEqual(Guid.Empty, id);
    }

    [Fact]
    public async Task AnExpiredToken_GetsTheServicesTokenExpiredAnswer()
    {
        var (service, gateway) = await StartAsync(new Dictionary<string, string>
        {
            ["Tokens:AccessTokenLifetime"] = "00:00:01", ["Tokens:ClockSkew"] = "00:00:00",
        });
        var email = $"gw-{Guid.NewGuid():N}@example.com";
        await _http.PostAsJsonAsync($"{service.Url}/api/auth/register", new { email, password = ApiTest.Password });
        var token = await LoginAsync(email, service);

        await Eventually.TrueAsync(async () => (await GetAsync(gateway + "/app/orders", token)).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10), "the token did not expire");

        var through = await GetAsync(gateway + "/app/orders", token);
        var direct = await GetAsync(service.Url + "/api/auth/verify", token);
        await AssertSameAsync(through, direct, "token_expired");
    }

    [Fact]
    public async Task WithTheServiceDown_NginxAnswersAFast503Problem_NeverA500OrAHang()
    {
        var (_, token) = await SignedInUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/app/orders", token)).StatusCode);

        await _service.StopAsync();
        var clock = Stopwatch.StartNew();
        var response = await GetAsync("/app/orders", token);
        var took = clock.Elapsed;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(took < TimeSpan.FromSeconds(3), $"nginx took {took.TotalMilliseconds:F0} ms");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("service_unavailable", problem.GetProperty("code").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Metrics_AreNeverServedThroughTheGateway()
    {
        var response = await _http.GetAsync(_gateway + "/metrics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task AssertSameAnswerAsync(string gatewayPath, string servicePath, string? token, string code)
    {
        var through = await GetAsync(_gateway + gatewayPath, token);
        var direct = await GetAsync(_service.Url + servicePath, token);
        await AssertSameAsync(through, direct, code);
    }

    private static async Task AssertSameAsync(HttpResponseMessage through, HttpResponseMessage direct, string code)
    {
        var body = await through.Content.ReadAsStringAsync();
        var label = $"{code}: {(int)through.StatusCode} {body}";
        Assert.True(direct.StatusCode == through.StatusCode, label);
        Assert.True(through.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, label);
        Assert.Equal("application/problem+json", through.Content.Headers.ContentType?.MediaType);
        Assert.Equal(direct.Headers.WwwAuthenticate.ToString(), through.Headers.WwwAuthenticate.ToString());
        Assert.Equal(through.StatusCode == HttpStatusCode.Unauthorized, through.Headers.WwwAuthenticate.Count == 1);
        var problem = JsonDocument.Parse(body).RootElement;
        var expected = JsonDocument.Parse(await direct.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(expected.GetProperty("code").GetString(), problem.GetProperty("code").GetString());
        Assert.Equal(expected.GetProperty("detail").GetString(), problem.GetProperty("detail").GetString());
        Assert.Equal((int)through.StatusCode, problem.GetProperty("status").GetInt32());
    }

    private async Task<(ServiceProcess Service, string Gateway)> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var service = await ServiceProcess.StartAsync(settings);
        var port = Ports.Free();
        _started.Add((service, port));
        return (service, await GatewayScript.RunAsync("start", service.Url, port.ToString(), Ports.Free().ToString()));
    }

    private async Task<(Guid Id, string Token)> SignedInUserAsync()
    {
        var email = $"gw-{Guid.NewGuid():N}@example.com";
        var register = await _http.PostAsJsonAsync($"{_service.Url}/api/auth/register", new { email, password = ApiTest.Password });
        var id = (await register.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (id, await LoginAsync(email));
    }

    private async Task<string> LoginAsync(string email, ServiceProcess? service = null)
    {
        var login = await _http.PostAsJsonAsync($"{(service ?? _service).Url}/api/auth/login", new { email, password = ApiTest.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await login.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;
    }

    private Task<HttpResponseMessage> GetAsync(string pathOrUrl, string? token) =>
        SendAsync(HttpMethod.Get, pathOrUrl.StartsWith("http", StringComparison.Ordinal) ? pathOrUrl : _gateway + pathOrUrl, token);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token)
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _http.SendAsync(request);
    }
}
