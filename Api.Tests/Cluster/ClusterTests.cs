using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Cluster;

/// <summary>
/// Several nodes for real: in-process hosts sharing one PostgreSQL database and one Redis of the test's own, each
/// node reaching the database through a proxy the test can cut. Every wait is a bounded poll.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Servers", "Postgres+Redis")]
public sealed class ClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PollSlack = TimeSpan.FromMilliseconds(800);

    private readonly Cluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    public static TheoryData<string> Revocations =>
        ["logout", "logout-all", "password", "disable", "delete", "logout-others", "admin-end-session", "roles"];

    [Theory]
    [MemberData(nameof(Revocations))]
    public async Task ARevocationThroughA_IsRefusedByB_AsSoonAsRedisDelivers_WithoutADatabaseRead(string revocation)
    {
        var a = await _cluster.NodeAsync(poll: Long);
        var b = await _cluster.NodeAsync(poll: Long); // with the poll this slow, only Redis can tell B in time
        var user = await Cluster.SignedInOnBothAsync(a, b);
        b.Proxy.Refuse(); // and B cannot read the database: the message alone must be enough to refuse

        var response = await Cluster.RevokeThroughAsync(a, revocation, user);

        Assert.True(response.IsSuccessStatusCode, $"{revocation}: {(int)response.StatusCode}");
        await Cluster.RefusedWithinAsync(b, user.Tokens, Delivery, revocation == "disable" ? "user_disabled" : "token_revoked");
    }

    /// <summary>The session cap's revocation (a login through A beyond <c>Sessions:MaxPerUser</c>) reaches B like any other.</summary>
    [Fact]
    public async Task ALoginBeyondTheCapThroughA_EndsTheOldestSession_AndBRefusesItsToken()
    {
        var cap = new Dictionary<string, string> { ["Sessions:MaxPerUser"] = "1" };
        var a = await _cluster.NodeAsync(poll: Long, more: cap);
        var b = await _cluster.NodeAsync(poll: Long, more: cap);
        var user = await Cluster.SignedInOnBothAsync(a, b);
        b.Proxy.Refuse(); // the message alone must be enough

        var second = await Cluster.LoginAsync(a, user.Account);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await Cluster.RefusedWithinAsync(b, user.Tokens, Delivery, "token_revoked");
    }

    /// <summary>
    /// Enabling raises no version: B, which holds the user as disabled at that version, still moves on when it learns
    /// of the entry, and accepts the next login's token at once (no minute of "disabled" from a stale cache).
    /// </summary>
    [Fact]
    public async Task AnEnableThroughA_ReachesB_AndTheUsersNewTokenIsAcceptedThere()
    {
        var a = await _cluster.NodeAsync(poll: Long);
        var b = await _cluster.NodeAsync(poll: Long);
        var user = await Cluster.SignedInOnBothAsync(a, b);
        var admin = await Cluster.AdminTokenAsync(a);
        Assert.True((await Cluster.SendAsync(a, HttpMethod.Post, $"/api/admin/users/{user.Account.Id}/disable", admin)).IsSuccessStatusCode);
        await Cluster.RefusedWithinAsync(b, user.Tokens, Delivery, "user_disabled");

        Assert.True((await Cluster.SendAsync(a, HttpMethod.Post, $"/api/admin/users/{user.Account.Id}/enable", admin)).IsSuccessStatusCode);
        var login = await Cluster.LoginAsync(a, user.Account);
        var tokens = (await login.Content.ReadFromJsonAsync<Tokens>())!;

        await Eventually.TrueAsync(async () => (await Cluster.MeAsync(b, tokens.AccessToken)).StatusCode == HttpStatusCode.OK, Delivery,
            "B accepted the enabled user's new token");
    }

    [Fact]
    public async Task WithRedisStopped_BRefusesWithinThePollInterval_AndTheRevokingCallDoesNotWait()
    {
        var poll = TimeSpan.FromMilliseconds(200);
        var a = await _cluster.NodeAsync(poll);
        var b = await _cluster.NodeAsync(poll);
        var user = await Cluster.SignedInOnBothAsync(a, b);
        await _cluster.Redis.StopAsync();

        var clock = Stopwatch.StartNew();
        var response = await Cluster.SendAsync(a, HttpMethod.Post, "/api/auth/logout-all", user.Tokens.AccessToken);
        var call = clock.Elapsed;

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(call < TimeSpan.FromSeconds(1), $"the revoking call took {call.TotalMilliseconds:F0} ms with Redis down");
        await Cluster.RefusedWithinAsync(b, user.Tokens, poll + PollSlack, "token_revoked");
    }

    [Fact]
    public async Task ALostMessage_IsCaughtByThePoll()
    {
        var poll = TimeSpan.FromMilliseconds(300);
        // A publishes where nobody listens: every message to B is lost.
        var a = await _cluster.NodeAsync(poll, channel: "a-channel-nobody-reads");
        var b = await _cluster.NodeAsync(poll);
        var user = await Cluster.SignedInOnBothAsync(a, b);

        await Cluster.SendAsync(a, HttpMethod.Post, "/api/auth/logout", user.Tokens.AccessToken);

        await Cluster.RefusedWithinAsync(b, user.Tokens, poll + PollSlack, "token_revoked");
    }

    [Fact]
    public async Task ARestartedRedis_IsSubscribedToAgain()
    {
        var a = await _cluster.NodeAsync(poll: Long);
        var b = await _cluster.NodeAsync(poll: Long);
        var user = await Cluster.SignedInOnBothAsync(a, b);
        await _cluster.Redis.StopAsync();
        await Eventually.TrueAsync(() => !Cluster.Connected(a) && !Cluster.Connected(b), TimeSpan.FromSeconds(10), "the nodes did not notice Redis going");
        await Cluster.AssertReadyAsync(b, HttpStatusCode.OK, "Degraded", "redis");

        await _cluster.Redis.StartAsync();
        await Eventually.TrueAsync(() => Cluster.Connected(a) && Cluster.Connected(b), TimeSpan.FromSeconds(5), "the nodes did not reconnect to Redis");
        await Cluster.SendAsync(a, HttpMethod.Post, "/api/auth/logout-all", user.Tokens.AccessToken);

        await Cluster.RefusedWithinAsync(b, user.Tokens, Delivery, "token_revoked");
        await Cluster.AssertReadyAsync(b, HttpStatusCode.OK, "Healthy");
    }

    [Fact]
    public async Task ADatabaseOutage_ShorterThanMaxStaleness_ServesCachedUsers_LongerIsA503_AndNothingIsLost()
    {
        var maxStaleness = TimeSpan.FromSeconds(3);
        var a = await _cluster.NodeAsync(TimeSpan.FromMilliseconds(200));
        var b = await _cluster.NodeAsync(TimeSpan.FromMilliseconds(200), maxStaleness: maxStaleness, databaseTimeout: TimeSpan.FromSeconds(1));
        var user = await Cluster.SignedInOnBothAsync(a, b);

        b.Proxy.Refuse();
        var outage = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await Cluster.MeAsync(b, user.Tokens.AccessToken)).StatusCode);
        Assert.True(outage.Elapsed < maxStaleness, "the cached answer came too late to prove anything");

        // Past MaxStaleness the node no longer trusts its cache and cannot read the database: 503, never 200.
        await Eventually.TrueAsync(async () => (await Cluster.MeAsync(b, user.Tokens.AccessToken)).StatusCode != HttpStatusCode.OK,
            maxStaleness + PollSlack, "B kept serving from its cache past MaxStaleness");
        for (var i = 0; i < 10; i++)
            await Cluster.AssertUnavailableAsync(() => Cluster.MeAsync(b, user.Tokens.AccessToken), TimeSpan.FromSeconds(1));
        await Cluster.AssertReadyAsync(b, HttpStatusCode.ServiceUnavailable, "Unhealthy", "database");
        // A revocation made meanwhile through a node that still reaches the database...
        var logoutAll = await Cluster.SendAsync(a, HttpMethod.Post, "/api/auth/logout-all", user.Tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, logoutAll.StatusCode);

        b.Proxy.Restore();

        // ...holds on B once it has recovered, by itself.
        await Cluster.RefusedWithinAsync(b, user.Tokens, TimeSpan.FromSeconds(10), "token_revoked");
        await Cluster.ReadyWithinAsync(b, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AfterADatabaseOutage_EachNodeIsReadyAgainWithinOnePollOfItsFirstSuccessfulRequest_EveryTime()
    {
        var poll = TimeSpan.FromMilliseconds(200);
        var nodes = new[]
        {
            await _cluster.NodeAsync(poll, maxStaleness: TimeSpan.FromSeconds(1), databaseTimeout: TimeSpan.FromSeconds(1)),
            await _cluster.NodeAsync(poll, maxStaleness: TimeSpan.FromSeconds(1), databaseTimeout: TimeSpan.FromSeconds(1)),
        };
        var user = await Cluster.SignedInOnBothAsync(nodes[0], nodes[1]);

        for (var outage = 0; outage < 3; outage++)
        {
            foreach (var node in nodes) node.Proxy.Refuse();
            foreach (var node in nodes)
            {
                await Eventually.TrueAsync(async () => (await node.CreateClient().GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
                    TimeSpan.FromSeconds(5), "a node stayed ready without its database");
            }

            foreach (var node in nodes) node.Proxy.Restore();
            foreach (var node in nodes)
            {
                await Eventually.TrueAsync(async () => (await Cluster.LoginAsync(node, user.Account)).StatusCode == HttpStatusCode.OK,
                    TimeSpan.FromSeconds(10), "a node did not recover after the database came back");
                var lag = await Eventually.TrueAsync(
                    async () => (await node.CreateClient().GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
                    TimeSpan.FromSeconds(10), "a node's readiness did not recover");
                // One poll interval, with room for the probe's own round trip.
                Assert.True(lag < poll + TimeSpan.FromMilliseconds(500), $"outage {outage}: readiness lagged {lag.TotalMilliseconds:F0} ms");
            }
        }
    }

    [Fact]
    public async Task AnEventStream_SendsHeartbeatsOnlyWhileItsNodeIsConfirmed()
    {
        var heartbeat = new Dictionary<string, string> { ["Events:HeartbeatInterval"] = "00:00:00.200" };
        var a = await _cluster.NodeAsync(TimeSpan.FromMilliseconds(200), more: heartbeat);
        var b = await _cluster.NodeAsync(TimeSpan.FromMilliseconds(200), maxStaleness: TimeSpan.FromSeconds(1),
            databaseTimeout: TimeSpan.FromSeconds(1), more: heartbeat);
        var client = await Cluster.ApiClientAsync(a);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/revocations");
        request.Headers.Authorization = ClientTest.Basic(client.Id, client.Secret);
        using var response = await b.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var heartbeats = new System.Collections.Concurrent.ConcurrentQueue<DateTime>();
        using var stop = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            try
            {
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                    if (line.StartsWith(':')) heartbeats.Enqueue(DateTime.UtcNow);
            }
            catch (OperationCanceledException)
            {
            }
        });

        await Eventually.TrueAsync(() => heartbeats.Count >= 2, TimeSpan.FromSeconds(5), "a confirmed node sent no heartbeat");
        b.Proxy.Refuse();
        await Eventually.TrueAsync(async () => (await b.CreateClient().GetAsync("/health/ready")).StatusCode == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(10), "B stayed confirmed without its database");
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // a heartbeat already on its way may still arrive
        var silentSince = DateTime.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // seven heartbeat intervals
        var whileUnconfirmed = heartbeats.Count(t => t > silentSince);

        b.Proxy.Restore();
        var back = DateTime.UtcNow;
        await Eventually.TrueAsync(() => heartbeats.Any(t => t > back), TimeSpan.FromSeconds(10), "heartbeats did not come back with the database");
        await stop.CancelAsync();
        await reading;

        Assert.Equal(0, whileUnconfirmed);
    }

    [Fact]
    public async Task AHangingDatabase_GetsA503WithinDatabaseTimeout_AndNothingIsHalfWritten()
    {
        // The least timeout that holds on PostgreSQL for a connection that hangs mid-query (see AddDatabase).
        var timeout = TimeSpan.FromSeconds(3);
        var b = await _cluster.NodeAsync(TimeSpan.FromMilliseconds(200), databaseTimeout: timeout);
        var user = await Cluster.SignedInOnBothAsync(b, b);

        b.Proxy.Hang();

        await Cluster.AssertUnavailableAsync(() => Cluster.LoginAsync(b, user.Account), timeout);
        await Cluster.AssertUnavailableAsync(() => Cluster.SendAsync(b, HttpMethod.Post, "/api/auth/logout-all", user.Tokens.AccessToken), timeout);
        var ready = Stopwatch.StartNew();
        var unready = await b.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        Assert.True(ready.Elapsed < TimeSpan.FromSeconds(2.5), $"/health/ready took {ready.Elapsed.TotalMilliseconds:F0} ms");
        var database = JsonDocument.Parse(await unready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks")
            .EnumerateArray().Single(c => c.GetProperty("name").GetString() == "database");
        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(database.GetProperty("description").GetString()));

        b.Proxy.Restore();

        await Eventually.TrueAsync(async () => (await Cluster.LoginAsync(b, user.Account)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "B did not recover after the database came back");
        var recovered = Stopwatch.StartNew();
        await Eventually.TrueAsync(async () => (await b.CreateClient().GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10), "B's readiness did not recover");
        // Within one poll interval (200 ms) of the first request that succeeded, with room for the probe itself.
        Assert.True(recovered.Elapsed < TimeSpan.FromMilliseconds(700), $"readiness lagged {recovered.Elapsed.TotalMilliseconds:F0} ms");
        var row = await b.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == user.Account.Id));
        Assert.Equal(1, row.TokenVersion); // the logout-all that got a 503 changed nothing
        Assert.Equal(HttpStatusCode.OK, (await Cluster.MeAsync(b, user.Tokens.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task AnEntryCommittingOutOfSequenceOrder_IsStillApplied()
    {
        var poll = TimeSpan.FromMilliseconds(100);
        var a = await _cluster.NodeAsync(poll, redis: false);
        var b = await _cluster.NodeAsync(poll, redis: false);
        var early = await Cluster.SignedInOnBothAsync(a, b);
        var late = await Cluster.SignedInOnBothAsync(a, b);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The early revocation takes its sequence number, then its transaction is held open before the commit.
        var held = Cluster.HeldRevocationAsync(a, early.Account.Id, entered, release);
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Cluster.SendAsync(a, HttpMethod.Post, "/api/auth/logout-all", late.Tokens.AccessToken);
        await Cluster.RefusedWithinAsync(b, late.Tokens, poll + PollSlack, "token_revoked"); // B polled past the gap
        Assert.Equal(HttpStatusCode.OK, (await Cluster.MeAsync(b, early.Tokens.AccessToken)).StatusCode);
        var visible = await a.WithDbAsync(db => db.RevocationLog.OrderBy(e => e.Sequence).Select(e => e.UserId).ToListAsync());
        Assert.Equal([late.Account.Id], visible); // only the later one has committed

        release.SetResult();
        await held;

        await Cluster.RefusedWithinAsync(b, early.Tokens, poll + PollSlack, "token_revoked");
        var order = await a.WithDbAsync(db => db.RevocationLog.OrderBy(e => e.Sequence).Select(e => e.UserId).ToListAsync());
        Assert.Equal([early.Account.Id, late.Account.Id], order); // the early one has the lower sequence number
    }

    [Fact]
    public async Task ARevocationThroughA_IsStreamedAsAnEventByB()
    {
        var a = await _cluster.NodeAsync(poll: Long);
        var b = await _cluster.NodeAsync(poll: Long); // B hears of it through Redis, then reads the entry from the log
        var user = await Cluster.SignedInOnBothAsync(a, b);
        var client = await Cluster.ApiClientAsync(a);
        using var events = await Cluster.FollowEventsAsync(b, client, Delivery);

        await Cluster.SendAsync(a, HttpMethod.Post, "/api/auth/logout-all", user.Tokens.AccessToken);

        var data = JsonDocument.Parse(Assert.IsType<ServerEvent>(await events.NextAsync()).Data).RootElement;
        Assert.Equal(user.Account.Id, data.GetProperty("userId").GetGuid());
        Assert.Equal(2, data.GetProperty("tokenVersion").GetInt64());
    }
}
