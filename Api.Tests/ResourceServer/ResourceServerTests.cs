using System.Diagnostics;
using System.Net;
using System.Text.Json;
using TokenVersioning.Api.Tests.Support;
using Xunit.Abstractions;

namespace TokenVersioning.Api.Tests.ResourceServer;

/// <summary>
/// The resource-server package against the real service (its own process): revocations through the service are
/// refused within a bounded wait, cached verdicts cost no call, garbled and forged tokens cost the service no
/// database read, and a lost event stream or an unreachable service never turns into an acceptance.
/// </summary>
[Trait("Servers", "service")]
public sealed class ResourceServerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Refusal = TimeSpan.FromSeconds(3);

    private ResourceServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ResourceServerHost.StartAsync();
        await _host.ConfirmedAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> Revocations => ["logout", "logout-all", "password", "disable", "delete", "role-removal"];

    [Theory]
    [MemberData(nameof(Revocations))]
    public async Task ARevocationThroughTheService_IsRefusedByTheResourceServer_WithinABoundedWait_WithItsCode(string revocation)
    {
        var (account, token) = await _host.SignedInUserAsync();
        var route = "/orders";
        if (revocation == "role-removal")
        {
            Assert.True((await _host.SendAsync(HttpMethod.Put, $"/api/admin/users/{account.Id}/roles", _host.AdminToken, new { roles = new[] { "user", "admin" } })).IsSuccessStatusCode);
            token = await _host.LoginAsync(account);
            route = "/reports";
        }

        await _host.AssertServedAsync(route, token);
        var calls = _host.Runtime.Check.Calls;
        await _host.AssertServedAsync(route, token);
        Assert.Equal(calls, _host.Runtime.Check.Calls); // the second request was a cached verdict: no call

        var response = revocation switch
        {
            "logout" => await _host.SendAsync(HttpMethod.Post, "/api/auth/logout", token),
            "logout-all" => await _host.SendAsync(HttpMethod.Post, "/api/auth/logout-all", token),
            "password" => await _host.SendAsync(HttpMethod.Post, "/api/users/me/password", token,
                new { currentPassword = ApiTest.Password, newPassword = "another long passphrase" }),
            "disable" => await _host.SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/disable", _host.AdminToken),
            "delete" => await _host.SendAsync(HttpMethod.Delete, $"/api/admin/users/{account.Id}", _host.AdminToken),
            _ => await _host.SendAsync(HttpMethod.Put, $"/api/admin/users/{account.Id}/roles", _host.AdminToken, new { roles = new[] { "user" } }),
        };
        var clock = Stopwatch.StartNew();
        Assert.True(response.IsSuccessStatusCode, $"{revocation}: {(int)response.StatusCode}");

        HttpResponseMessage refused = null!;
        await Eventually.TrueAsync(async () => (refused = await _host.GetAsync(route, token)).StatusCode == HttpStatusCode.Unauthorized,
            Refusal, $"the resource server refused the token after {revocation}");
        output.WriteLine($"{revocation}: refused {clock.Elapsed.TotalMilliseconds:F1} ms after the revoking response");
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(revocation == "disable" ? "user_disabled" : "token_revoked", problem.GetProperty("code").GetString());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Bearer error=\"invalid_token\"", refused.Headers.WwwAuthenticate.ToString());

        // The same refusal the service gives, word for word.
        var fromService = await _host.SendAsync(HttpMethod.Get, "/api/auth/verify", token);
        var serviceProblem = JsonDocument.Parse(await fromService.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(serviceProblem.GetProperty("code").GetString(), problem.GetProperty("code").GetString());
        Assert.Equal(fromService.Headers.WwwAuthenticate.ToString(), refused.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Roles_AreOnThePrincipal_AndAMissingTokenGetsTheServicesBareChallenge()
    {
        var (_, token) = await _host.SignedInUserAsync();

        await _host.AssertServedAsync("/orders", token);
        var forbidden = await _host.GetAsync("/reports", token);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("forbidden", JsonDocument.Parse(await forbidden.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        await _host.AssertServedAsync("/reports", _host.AdminToken);

        var missing = await _host.ResourceServer.GetAsync("/orders");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal("token_missing", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ConcurrentFirstRequests_WithOneToken_MakeOneCall()
    {
        var (_, token) = await _host.SignedInUserAsync();
        var calls = _host.Runtime.Check.Calls;

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _host.GetAsync("/orders", token)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(calls + 1, _host.Runtime.Check.Calls);
    }

    [Fact]
    public async Task TenThousandGarbledOrForgedTokens_CostTheServiceNoDatabaseRead_AndLeaveTheGenuineVerdictCached()
    {
        var (_, token) = await _host.SignedInUserAsync();
        await _host.AssertServedAsync("/orders", token);
        var reads = await _host.DatabaseReadsAsync();

        var forged = Mutations(token, seed: 20261201, count: 10_000).ToList();
        foreach (var batch in forged.Chunk(50))
        {
            var answers = await Task.WhenAll(batch.Select(t => _host.GetAsync("/orders", t)));
            for (var i = 0; i < answers.Length; i++)
                Assert.True(answers[i].StatusCode == HttpStatusCode.Unauthorized, $"{JsonSerializer.Serialize(batch[i])}: {(int)answers[i].StatusCode}");
        }

        Assert.Equal(reads, await _host.DatabaseReadsAsync());
        var calls = _host.Runtime.Check.Calls;
        await _host.AssertServedAsync("/orders", token);
        Assert.Equal(calls, _host.Runtime.Check.Calls); // still a hit
        output.WriteLine($"{forged.Count} forged or garbled tokens; the service saw {calls} checks in all, 0 database reads for them");
    }

    /// <summary>
    /// Seeded: random dotted text, truncations, and the genuine token with its header or signature edited (the
    /// claims, and so the user, stay the genuine one's: such a forgery reaches the service, which refuses it from
    /// memory), a character inserted or deleted anywhere, an appended segment.
    /// </summary>
    private static IEnumerable<string> Mutations(string token, ulong seed, int count)
    {
        var pcg = new CsCheck.PCG(11, seed);
        var parts = token.Split('.');
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
        var kinds = CsCheck.Gen.Int[0, 5];
        var random = HostileTokens.RandomDotted;
        for (var i = 0; i < count; i++)
        {
            var at = (int)(CsCheck.Gen.Double.Unit.Generate(pcg, null, out _) * 1_000_000);
            var c = alphabet[at % alphabet.Length];
            var candidate = kinds.Generate(pcg, null, out _) switch
            {
                0 => random.Generate(pcg, null, out _),
                1 => token[..(at % token.Length)],
                // Not the signature's last character: its spare bits may decode to the same signature.
                2 => $"{parts[0]}.{parts[1]}.{Edit(parts[2][..^1], at, c)}{parts[2][^1]}",
                3 => $"{Edit(parts[0], at, c)}.{parts[1]}.{parts[2]}",
                4 => token.Insert(at % token.Length, c.ToString()),
                _ => $"{token}.{parts[2]}",
            };
            if (candidate != token) yield return candidate;
        }

        static string Edit(string segment, int at, char c) =>
            segment.Length == 0 ? c.ToString() : segment[..(at % segment.Length)] + (segment[at % segment.Length] == c ? 'A' : c) + segment[(at % segment.Length + 1)..];
    }

    [Fact]
    public async Task WithTheServiceCut_CachedVerdictsServeUntilMaxStaleness_ThenEveryRequestIs503_NeverA200()
    {
        var (_, token) = await _host.SignedInUserAsync();
        await _host.AssertServedAsync("/orders", token);

        _host.ServiceProxy.Refuse(); // the event stream and the checks both
        var cut = Stopwatch.StartNew();
        var statuses = new List<(double At, HttpStatusCode Status)>();
        // At least 10 requests in 100 ms steps past MaxStaleness (bounded: a busy machine may slow the refusals).
        while ((cut.Elapsed < ResourceServerHost.MaxStaleness + TimeSpan.FromSeconds(2)
                || statuses.Count(s => s.At > ResourceServerHost.MaxStaleness.TotalSeconds) < 10) && cut.Elapsed < TimeSpan.FromSeconds(20))
        {
            statuses.Add((cut.Elapsed.TotalSeconds, (await _host.GetAsync("/orders", token)).StatusCode));
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0].Status); // served from the cache while the stream's last word is fresh
        var afterStaleness = statuses.Where(s => s.At > ResourceServerHost.MaxStaleness.TotalSeconds).ToList();
        Assert.True(afterStaleness.Count >= 10, string.Join(", ", statuses.Select(s => $"{(int)s.Status} at {s.At:F2} s")));
        Assert.All(afterStaleness, s => Assert.Equal(HttpStatusCode.ServiceUnavailable, s.Status));
        Assert.All(statuses, s => Assert.True(s.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{s.Status} at {s.At:F1} s"));
        var unavailable = await _host.GetAsync("/orders", token);
        Assert.Equal("service_unavailable", JsonDocument.Parse(await unavailable.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        Assert.True(unavailable.Headers.RetryAfter is not null);
    }

    [Fact]
    public async Task ARevocationDuringACut_IsAppliedFromTheBacklog_AssoonAsTheStreamIsBack()
    {
        var (_, token) = await _host.SignedInUserAsync();
        await _host.AssertServedAsync("/orders", token);

        _host.ServiceProxy.Refuse();
        await Eventually.TrueAsync(() => !_host.Runtime.Connected, TimeSpan.FromSeconds(2), "the stream noticed the cut");
        Assert.True((await _host.SendAsync(HttpMethod.Post, "/api/auth/logout", token)).IsSuccessStatusCode); // straight to the service
        var calls = _host.Runtime.Check.Calls;
        _host.ServiceProxy.Restore();
        await Eventually.TrueAsync(() => _host.Runtime.Connected && _host.Runtime.Confirmed, TimeSpan.FromSeconds(3), "the stream came back");

        var response = await _host.GetAsync("/orders", token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(calls + 1, _host.Runtime.Check.Calls); // the backlog dropped the verdict: asked again, refused
    }
}

/// <summary>A resource server whose stream cannot connect (a wrong secret): never confirmed, so every request asks the service.</summary>
[Trait("Servers", "service")]
public sealed class UnconfirmedResourceServerTests : IAsyncLifetime
{
    private ResourceServerHost _host = null!;

    public async Task InitializeAsync() => _host = await ResourceServerHost.StartAsync(clientSecret: "not-the-secret");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task WithoutAConfirmedStream_EveryRequestAsksTheService_AndARevocationIsRefusedAtOnce()
    {
        var (_, token) = await _host.SignedInUserAsync();
        var calls = _host.Runtime.Check.Calls;

        for (var i = 0; i < 5; i++) await _host.AssertServedAsync("/orders", token);

        Assert.Equal(calls + 5, _host.Runtime.Check.Calls);
        Assert.False(_host.Runtime.Confirmed);
        Assert.True((await _host.SendAsync(HttpMethod.Post, "/api/auth/logout", token)).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.GetAsync("/orders", token)).StatusCode);
    }
}

/// <summary>
/// The service's database cut while the stream stays connected (PostgreSQL only: a TCP proxy between the service
/// and its database): the service stops vouching (no heartbeats), and after MaxStaleness the resource server asks
/// again and answers 503, never a 200, for a token revoked through another node meanwhile.
/// </summary>
[Trait("Servers", "service+Postgres")]
public sealed class ResourceServerDatabaseCutTests : IAsyncLifetime
{
    private ResourceServerHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await ResourceServerHost.StartAsync(otherNode: true);
        await _host.ConfirmedAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheServicesDatabaseCut_StopsTheHeartbeats_AndARevocationElsewhereIsNeverAcceptedPastMaxStaleness()
    {
        var (_, token) = await _host.SignedInUserAsync();
        await _host.AssertServedAsync("/orders", token);

        _host.DatabaseProxy!.Refuse();
        var revoked = await _host.SendAsync(HttpMethod.Post, "/api/auth/logout", token, url: _host.OtherNode!.Url);
        Assert.True(revoked.IsSuccessStatusCode, $"{(int)revoked.StatusCode}");
        var since = Stopwatch.StartNew();

        // The stream stays open; the node behind it cannot read the log, so it stops vouching.
        await Eventually.TrueAsync(() => !_host.Runtime.Confirmed, TimeSpan.FromSeconds(5), "the resource server stopped trusting its cache");
        Assert.True(_host.Runtime.Connected);
        // The node itself answers from its cache for up to its own RevocationCache:MaxStaleness (1 s) after its last
        // poll; past both bounds, nothing may accept the token.
        var bound = ResourceServerHost.MaxStaleness + TimeSpan.FromMilliseconds(300);
        if (since.Elapsed < bound) await Task.Delay(bound - since.Elapsed);
        for (var step = 0; step < 20; step++)
        {
            var status = (await _host.GetAsync("/orders", token)).StatusCode;
            Assert.True(status == HttpStatusCode.ServiceUnavailable, $"{status} {since.Elapsed.TotalSeconds:F1} s after the revocation");
            await Task.Delay(100);
        }

        _host.DatabaseProxy.Restore();
        await Eventually.TrueAsync(async () => (await _host.GetAsync("/orders", token)).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10), "the revoked token was refused once the database was back");
    }
}
