using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.OtherServices;

/// <summary>
/// The shipped gateway in front of the service on PostgreSQL, whose database the test cuts: once the service cannot
/// confirm a user it answers the check 503, and the gateway turns that into a fast 503 problem, never a pass.
/// </summary>
[Trait("Servers", "nginx+Postgres")]
public sealed class NginxGatewayDatabaseTests : IAsyncLifetime
{
    private readonly string _database = $"tv_gateway_{Guid.NewGuid():N}";
    private readonly int _port = Ports.Free();
    private TcpProxy _proxy = null!;
    private ServiceProcess _service = null!;
    private string _gateway = null!;

    public async Task InitializeAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("TEST_POSTGRES")
            ?? throw new InvalidOperationException("TEST_POSTGRES is not set: run ./scripts/test.sh."));
        _proxy = new TcpProxy(server.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Host = "127.0.0.1", Port = _proxy.Port, Database = _database };
        // The cut refuses connections, so nothing waits on the database: Database:Timeout keeps its default (a
        // busy machine running the whole suite may take more than a second over a start's first connections, and
        // the check below that the 503 is fast would catch a wait). Only the staleness bound is short.
        _service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:TokenVersioning"] = throughProxy.ConnectionString,
            ["RevocationCache:MaxStaleness"] = "00:00:01",
            ["Invalidation:PollInterval"] = "00:00:00.200",
        });
        _gateway = await GatewayScript.RunAsync("start", _service.Url, _port.ToString(), Ports.Free().ToString());
    }

    public async Task DisposeAsync()
    {
        await GatewayScript.RunAsync("stop", _port.ToString());
        await _service.DisposeAsync();
        await _proxy.DisposeAsync();
        await new PostgresTestDatabase(Environment.GetEnvironmentVariable("TEST_POSTGRES")!, _database).DropAsync();
    }

    [Fact]
    public async Task WithTheServicesDatabaseCut_TheGatewayAnswersA503Problem_NotThroughAndNotA500()
    {
        using var http = new HttpClient();
        var email = $"gwdb-{Guid.NewGuid():N}@example.com";
        await _service.AssertAnsweredAsync(HttpStatusCode.Created, await http.PostAsJsonAsync($"{_service.Url}/api/auth/register", new { email, password = ApiTest.Password }));
        var login = await http.PostAsJsonAsync($"{_service.Url}/api/auth/login", new { email, password = ApiTest.Password });
        await _service.AssertAnsweredAsync(HttpStatusCode.OK, login);
        var token = (await login.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;
        await _service.AssertAnsweredAsync(HttpStatusCode.OK, await GetAsync(http, token));

        _proxy.Refuse();
        // Past MaxStaleness the service no longer trusts its cache and cannot read the database.
        await Eventually.TrueAsync(async () => (await GetAsync(http, token)).StatusCode != HttpStatusCode.OK,
            TimeSpan.FromSeconds(5), "the gateway kept letting the request through without a confirmed answer");
        var clock = Stopwatch.StartNew();
        var response = await GetAsync(http, token);
        var took = clock.Elapsed;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(took < TimeSpan.FromSeconds(3), $"the gateway took {took.TotalMilliseconds:F0} ms");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("service_unavailable", problem.GetProperty("code").GetString());
        Assert.NotNull(response.Headers.RetryAfter);

        _proxy.Restore();
        await Eventually.TrueAsync(async () => (await GetAsync(http, token)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "the gateway did not let the user through again after the database came back");
    }

    private Task<HttpResponseMessage> GetAsync(HttpClient http, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, _gateway + "/app/orders");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }
}
