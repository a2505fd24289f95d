using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Client;

namespace TokenVersioning.Api.Tests.ResourceServer;

/// <summary>
/// The service as its own process (on the suite's database provider: SQLite, or PostgreSQL behind a TCP proxy of
/// its own), reached by the resource server through another TCP proxy, and a resource server in memory that uses
/// the package exactly as the sample does: one route per role.
/// </summary>
public sealed class ResourceServerHost : IAsyncDisposable
{
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(1);

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly LogSink _log = new();
    private WebApplication? _app;

    public ServiceProcess Service { get; private set; } = null!;

    /// <summary>Between the resource server and the service (checks and the event stream).</summary>
    public TcpProxy ServiceProxy { get; private set; } = null!;

    /// <summary>Between the service and PostgreSQL; null on SQLite.</summary>
    public TcpProxy? DatabaseProxy { get; private set; }

    /// <summary>A second node of the service on the same database, reached directly (PostgreSQL only).</summary>
    public ServiceProcess? OtherNode { get; private set; }

    public HttpClient ResourceServer { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    internal TokenVersioningRuntime Runtime => _app!.Services.GetRequiredKeyedService<TokenVersioningRuntime>(TokenVersioningExtensions.DefaultScheme);

    public HttpClient Direct { get; } = new();

    public static async Task<ResourceServerHost> StartAsync(bool otherNode = false, string? clientSecret = null)
    {
        var host = new ResourceServerHost();
        try
        {
            await host.StartPartsAsync(otherNode, clientSecret);
            return host;
        }
        catch
        {
            await host.DisposeAsync(); // what did start must not outlive a failed start
            throw;
        }
    }

    private async Task StartPartsAsync(bool otherNode, string? clientSecret)
    {
        if (otherNode && TestDatabase.CurrentProvider != "Postgres")
            throw new InvalidOperationException("A second node and a database cut need PostgreSQL: set TEST_DB_PROVIDER=Postgres and TEST_POSTGRES (./scripts/test.sh does).");
        var settings = new Dictionary<string, string>
        {
            ["Events:HeartbeatInterval"] = "00:00:00.200",
            ["Invalidation:PollInterval"] = "00:00:00.200",
        };
        if (otherNode)
        {
            // The database-cut test: the node must stop vouching, and answer 503, within a second of losing it.
            // The cut refuses connections, so no read waits on it: the database timeout keeps its default, since
            // the suite runs many hosts at once and a login (a real password hash and a commit) may take longer
            // than a second on a busy machine. Elsewhere the staleness bound keeps its default too.
            settings["RevocationCache:MaxStaleness"] = "00:00:01";
        }
        if (TestDatabase.CurrentProvider == "Postgres")
        {
            var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("TEST_POSTGRES")
                                                           ?? throw new InvalidOperationException("TEST_POSTGRES is not set: run ./scripts/test.sh."));
            var name = $"tv_rs_{Guid.NewGuid():N}";
            var database = new PostgresTestDatabase(server.ConnectionString, name);
            _owned.Add(new Dropping(database));
            DatabaseProxy = new TcpProxy(server.Port);
            _owned.Add(DatabaseProxy);
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:TokenVersioning"] = new NpgsqlConnectionStringBuilder(server.ConnectionString)
                { Host = "127.0.0.1", Port = DatabaseProxy.Port, Database = name }.ConnectionString;
            Service = await ServiceProcess.StartAsync(settings);
            _owned.Insert(0, Service);
            if (otherNode)
            {
                // The other node only revokes: it keeps the default staleness bound, so that a busy machine's slow
                // poll there cannot turn the logout the test makes on it into a 503.
                settings.Remove("RevocationCache:MaxStaleness");
                settings["ConnectionStrings:TokenVersioning"] = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
                OtherNode = await ServiceProcess.StartAsync(settings);
                _owned.Add(OtherNode);
            }
        }
        else
        {
            Service = await ServiceProcess.StartAsync(settings);
            _owned.Insert(0, Service);
        }

        ServiceProxy = new TcpProxy(new Uri(Service.Url).Port);
        _owned.Add(ServiceProxy);
        AdminToken = await LoginAsync(new Account(Guid.Empty, ServiceProcess.AdminEmail, ApiTest.Password));
        var created = await SendAsync(HttpMethod.Post, "/api/admin/clients", AdminToken, new { name = "resource-server" });
        var client = await created.Content.ReadFromJsonAsync<JsonElement>();
        await StartResourceServerAsync(client.GetProperty("clientId").GetString()!, clientSecret ?? client.GetProperty("clientSecret").GetString()!);
    }

    private async Task StartResourceServerAsync(string clientId, string clientSecret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(_log);
        builder.Services.AddAuthentication(TokenVersioningExtensions.DefaultScheme).AddTokenVersioning(o =>
        {
            o.Authority = new Uri($"http://127.0.0.1:{ServiceProxy.Port}");
            o.ClientId = clientId;
            o.ClientSecret = clientSecret;
            o.MaxStaleness = MaxStaleness;
            // RequestTimeout keeps its default (5 s): the cuts here refuse connections, so no check waits on it, and
            // a busy machine running many hosts at once may take more than a second to answer a first check.
            o.ReconnectDelay = TimeSpan.FromMilliseconds(50);
            o.MaxReconnectDelay = TimeSpan.FromMilliseconds(200);
        });
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/orders", () => Results.Ok(new { orders = Array.Empty<string>() })).RequireAuthorization(p => p.RequireRole("user"));
        app.MapGet("/reports", () => Results.Ok(new { reports = Array.Empty<string>() })).RequireAuthorization(p => p.RequireRole("admin"));
        await app.StartAsync();
        _app = app;
        ResourceServer = app.GetTestClient();
    }

    /// <summary>Waits until the event stream is open and has vouched (the service's first heartbeat).</summary>
    public Task ConfirmedAsync() => Eventually.TrueAsync(() => Runtime.Confirmed, TimeSpan.FromSeconds(10), "the resource server's stream confirmed");

    public async Task<string> LoginAsync(Account account, string? url = null)
    {
        var response = await Direct.PostAsJsonAsync($"{url ?? Service.Url}/api/auth/login", new { email = account.Email, password = account.Password });
        await Service.AssertAnsweredAsync(HttpStatusCode.OK, response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async Task<(Account Account, string Token)> SignedInUserAsync()
    {
        var email = $"rs-{Guid.NewGuid():N}@example.com";
        var response = await Direct.PostAsJsonAsync($"{Service.Url}/api/auth/register", new { email, password = ApiTest.Password });
        await Service.AssertAnsweredAsync(HttpStatusCode.Created, response);
        var account = new Account((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), email, ApiTest.Password);
        return (account, await LoginAsync(account));
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null, string? url = null)
    {
        var request = new HttpRequestMessage(method, $"{url ?? Service.Url}{path}");
        request.Headers.Authorization = new("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return Direct.SendAsync(request);
    }

    /// <summary>A request the resource server must serve (200); a failure's message says why it did not.</summary>
    public async Task AssertServedAsync(string path, string token) =>
        await Service.AssertAnsweredAsync(HttpStatusCode.OK, await GetAsync(path, token), $"the resource server's log:\n{_log.Text}");

    public Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return ResourceServer.SendAsync(request);
    }

    /// <summary>The service's count of user-state cache misses: each one is a database read.</summary>
    public async Task<long> DatabaseReadsAsync()
    {
        var metrics = await Direct.GetStringAsync($"{Service.Url}/metrics");
        return metrics.Split('\n')
            .Where(l => l.StartsWith("tokenversioning_cache_lookups", StringComparison.Ordinal) && l.Contains("result=\"miss\""))
            .Sum(l => (long)double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        foreach (var owned in _owned) await owned.DisposeAsync();
        _owned.Clear();
        Direct.Dispose();
    }

    private sealed class Dropping(PostgresTestDatabase database) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.DropAsync();
    }
}
