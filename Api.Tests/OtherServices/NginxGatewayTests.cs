using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.OtherServices;

/// <summary>
/// The shipped nginx configuration for real: Debian's nginx (scripts/gateway.sh) protects a stand-in upstream
/// with auth_request against the service running as its own process.
/// </summary>
[Trait("Servers", "nginx")]
public sealed class NginxGatewayTests : IAsyncLifetime
{
    private ServiceProcess _service = null!;
    private string _gateway = null!;
    private readonly int _port = Ports.Free();
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _service = await ServiceProcess.StartAsync();
        _gateway = await ScriptAsync("start", _service.Url, _port.ToString());
    }

    public async Task DisposeAsync()
    {
        await ScriptAsync("stop", _port.ToString());
        await _service.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task AValidToken_ReachesTheUpstreamWithItsIdentity_ARevokedOneGets401FromNginx_AMissingRoleGets403()
    {
        var email = $"gw-{Guid.NewGuid():N}@example.com";
        var register = await _http.PostAsJsonAsync($"{_service.Url}/api/auth/register", new { email, password = ApiTest.Password });
        var id = (await register.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var token = await LoginAsync(email);

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

    [Fact]
    public async Task WithTheServiceDown_NginxAnswersAFast503Problem_NeverA500OrAHang()
    {
        var email = $"gw-{Guid.NewGuid():N}@example.com";
        await _http.PostAsJsonAsync($"{_service.Url}/api/auth/register", new { email, password = ApiTest.Password });
        var token = await LoginAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/app/orders", token)).StatusCode);

        await _service.StopAsync();
        var clock = Stopwatch.StartNew();
        var response = await GetAsync("/app/orders", token);
        var took = clock.Elapsed;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(took < TimeSpan.FromSeconds(3), $"nginx took {took.TotalMilliseconds:F0} ms");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("service_unavailable", problem.GetProperty("code").GetString());
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private async Task<string> LoginAsync(string email)
    {
        var login = await _http.PostAsJsonAsync($"{_service.Url}/api/auth/login", new { email, password = ApiTest.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await login.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;
    }

    private Task<HttpResponseMessage> GetAsync(string path, string token) => SendAsync(HttpMethod.Get, _gateway + path, token);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _http.SendAsync(request);
    }

    private static async Task<string> ScriptAsync(params string[] args)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "TokenVersioning.sln"))) root = Path.GetDirectoryName(root.TrimEnd('/'))!;
        var info = new ProcessStartInfo(Path.Combine(root, "scripts", "gateway.sh"), args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var script = Process.Start(info)!;
        var output = await script.StandardOutput.ReadToEndAsync();
        var errors = await script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        Assert.True(script.ExitCode == 0, $"scripts/gateway.sh {string.Join(' ', args)} failed: {errors}");
        return output.Trim();
    }
}
