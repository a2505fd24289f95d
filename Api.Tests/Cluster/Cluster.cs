using TokenVersioning.Domain.Revocation;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure.Accounts;
using TokenVersioning.Infrastructure.Revocation;

namespace TokenVersioning.Api.Tests.Cluster;

/// <summary>
/// The nodes of one test over one fresh database and one Redis of the test's own, and the requests the cluster
/// tests speak.
/// </summary>
public sealed class Cluster
{
    private readonly string _directory = ApiFactory.NewDirectory();
    private readonly List<ClusterNode> _nodes = [];

    public RedisServer Redis { get; } = new();

    public Task InitializeAsync() => Redis.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await ((IAsyncLifetime)node).DisposeAsync();
        if (_nodes.Count > 0) await _nodes[0].DropDatabaseAsync();
        await Redis.DisposeAsync();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    public async Task<ClusterNode> NodeAsync(
        TimeSpan poll, bool redis = true, string? channel = null, TimeSpan? maxStaleness = null, TimeSpan? databaseTimeout = null,
        IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string> { ["Invalidation:PollInterval"] = poll.ToString("c") };
        foreach (var (key, value) in more ?? new Dictionary<string, string>()) settings[key] = value;
        if (redis) settings["Invalidation:Redis"] = Redis.ConnectionString;
        if (channel is not null) settings["Invalidation:Channel"] = channel;
        if (maxStaleness is { } staleness) settings["RevocationCache:MaxStaleness"] = staleness.ToString("c");
        if (databaseTimeout is { } timeout) settings["Database:Timeout"] = timeout.ToString("c");
        var node = await ClusterNode.StartAsync(_directory, settings);
        _nodes.Add(node);
        return node;
    }

    /// <summary>A user who logged in through <paramref name="a"/> and whose token both nodes have served (so both cache its state).</summary>
    public static async Task<SignedIn> SignedInOnBothAsync(ClusterNode a, ClusterNode b)
    {
        var email = $"cluster-{Guid.NewGuid():N}@example.com";
        var register = await a.CreateClient().PostAsJsonAsync("/api/auth/register", new { email, password = ApiTest.Password });
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var id = (await register.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var account = new Account(id, email, ApiTest.Password);
        var login = await LoginAsync(a, account);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = (await login.Content.ReadFromJsonAsync<Tokens>())!;
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(a, tokens.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(b, tokens.AccessToken)).StatusCode);
        return new SignedIn(account, tokens);
    }

    public static async Task<HttpResponseMessage> RevokeThroughAsync(ClusterNode node, string revocation, SignedIn user)
    {
        var token = user.Tokens.AccessToken;
        return revocation switch
        {
            "logout" => await SendAsync(node, HttpMethod.Post, "/api/auth/logout", token),
            "logout-all" => await SendAsync(node, HttpMethod.Post, "/api/auth/logout-all", token),
            "password" => await SendAsync(node, HttpMethod.Post, "/api/users/me/password", token,
                new { currentPassword = ApiTest.Password, newPassword = "a different long passphrase" }),
            "disable" => await SendAsync(node, HttpMethod.Post, $"/api/admin/users/{user.Account.Id}/disable", await AdminTokenAsync(node)),
            "delete" => await SendAsync(node, HttpMethod.Delete, $"/api/admin/users/{user.Account.Id}", await AdminTokenAsync(node)),
            "logout-others" => await SendAsync(node, HttpMethod.Post, "/api/auth/logout-others", token),
            "admin-end-session" => await SendAsync(node, HttpMethod.Delete,
                $"/api/admin/users/{user.Account.Id}/sessions/{user.Tokens.SessionId}", await AdminTokenAsync(node)),
            "roles" => await SendAsync(node, HttpMethod.Put, $"/api/admin/users/{user.Account.Id}/roles", await AdminTokenAsync(node),
                new { roles = new[] { "user", "admin" } }),
            _ => throw new ArgumentOutOfRangeException(nameof(revocation)),
        };
    }

    public static async Task<string> AdminTokenAsync(ClusterNode node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(email, ApiTest.Password, "Admin", [Role.Admin, Role.User], CancellationToken.None);
        var login = await LoginAsync(node, new Account(Guid.Empty, email, ApiTest.Password));
        return (await login.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;
    }

    /// <summary>An API client created by an admin through <paramref name="node"/>: (client id, secret).</summary>
    public static async Task<(string Id, string Secret)> ApiClientAsync(ClusterNode node)
    {
        var created = await SendAsync(node, HttpMethod.Post, "/api/admin/clients", await AdminTokenAsync(node), new { name = "cluster-follower" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!);
    }

    /// <summary>The revocation event stream of <paramref name="node"/>, opened; each event awaited at most <paramref name="bound"/>.</summary>
    public static async Task<EventStream> FollowEventsAsync(ClusterNode node, (string Id, string Secret) client, TimeSpan bound)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/revocations");
        request.Headers.Authorization = ClientTest.Basic(client.Id, client.Secret);
        var response = await node.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()), bound);
    }

    public static Task<HttpResponseMessage> LoginAsync(ClusterNode node, Account account) =>
        node.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = account.Password });

    public static Task<HttpResponseMessage> MeAsync(ClusterNode node, string token) => SendAsync(node, HttpMethod.Get, "/api/users/me", token);

    public static Task<HttpResponseMessage> VerifyAsync(ClusterNode node, string token) => SendAsync(node, HttpMethod.Get, "/api/auth/verify", token);

    public static Task<HttpResponseMessage> SendAsync(ClusterNode node, HttpMethod method, string url, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return node.CreateClient().SendAsync(request);
    }

    public static bool Connected(ClusterNode node) =>
        node.Services.GetRequiredService<NodeRevocations>().FastChannelConnected == true;

    /// <summary>
    /// Waits (bounded) for the node to refuse the token, then checks the refusal is the contract's 401. Asks the
    /// gateway check, which reads nothing but the token and the user's state.
    /// </summary>
    public static async Task RefusedWithinAsync(ClusterNode node, Tokens tokens, TimeSpan bound, string code)
    {
        await Eventually.TrueAsync(async () => (await VerifyAsync(node, tokens.AccessToken)).StatusCode != HttpStatusCode.NoContent,
            bound, "the node kept accepting a revoked token");
        var response = await VerifyAsync(node, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    /// <summary>A fast 503 service_unavailable problem with Retry-After: never a hang, never a 500, never a 200.</summary>
    public static async Task AssertUnavailableAsync(Func<Task<HttpResponseMessage>> send, TimeSpan databaseTimeout)
    {
        var clock = Stopwatch.StartNew();
        var response = await send();
        var took = clock.Elapsed;
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.True(took < databaseTimeout + TimeSpan.FromSeconds(1.5), $"the 503 took {took.TotalMilliseconds:F0} ms");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("service_unavailable", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    public static Task ReadyWithinAsync(ClusterNode node, TimeSpan bound) =>
        Eventually.TrueAsync(async () => (await node.CreateClient().GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            bound, "the node did not report ready again");

    /// <summary>Readiness answers <paramref name="status"/> and the overall <paramref name="report"/>, naming the check that is not healthy and why.</summary>
    public static async Task AssertReadyAsync(ClusterNode node, HttpStatusCode status, string report, string? failingCheck = null)
    {
        var response = await node.CreateClient().GetAsync("/health/ready");
        Assert.Equal(status, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(report, body.GetProperty("status").GetString());
        if (failingCheck is null) return;
        var failing = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == failingCheck);
        Assert.Equal(report, failing.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(failing.GetProperty("description").GetString()));
    }

    /// <summary>
    /// A logout-all through <paramref name="node"/> that signals once it holds its sequence number, then keeps its
    /// transaction open until released.
    /// </summary>
    public static async Task HeldRevocationAsync(ClusterNode node, Guid userId, TaskCompletionSource entered, TaskCompletionSource release)
    {
        await using var scope = node.Services.CreateAsyncScope();
        var revocation = scope.ServiceProvider.GetRequiredService<RevocationService>();
        await revocation.RevokeAsync(new RevocationRequest(userId, RevocationEvent.LogoutAll), async (_, _) =>
        {
            entered.SetResult();
            await release.Task;
            return true;
        }, CancellationToken.None);
    }
}
