using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Infrastructure.Telemetry;

namespace TokenVersioning.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ConcurrencyTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData(50)]
    [InlineData(100)]
    public async Task ConcurrentRevocations_RaiseTheVersionByExactlyTheirNumber(int count)
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        var admin = await LoginAsync(await CreateAdminAsync());

        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/revoke-sessions", admin.AccessToken, new { reason = $"race {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1 + count, (await UserRowAsync(account.Id)).TokenVersion);
        var each = Enumerable.Range(2, count).Select(i => (long)i);
        var audited = await WithDbAsync(db => db.AuditEvents.Where(a => a.UserId == account.Id).Where(Audited.Revocations).Select(a => a.TokenVersion).ToListAsync());
        Assert.Equal(each, audited.Order());
        var logged = await WithDbAsync(db => db.RevocationLog.Where(e => e.UserId == account.Id).Select(e => e.TokenVersion).ToListAsync());
        Assert.Equal(each, logged.Order());
        await AssertUnauthorizedAsync(await GetMeAsync(tokens.AccessToken), "token_revoked");
    }

    [Fact]
    public async Task ConcurrentLogoutsOfEverySession_LeaveNoTokenAccepted()
    {
        var account = await RegisterAsync();
        var devices = new List<Tokens>();
        for (var i = 0; i < 10; i++) devices.Add(await LoginAsync(account, $"device{i}"));

        var responses = await Task.WhenAll(devices.Select(d => SendAsync(HttpMethod.Post, "/api/auth/logout", d.AccessToken)));

        // Each logout either ran, or found its token already revoked by a concurrent one: never a 500.
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.Unauthorized }));
        var ran = responses.Count(r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(1 + ran, (await UserRowAsync(account.Id)).TokenVersion);
        foreach (var device in devices) await AssertUnauthorizedAsync(await GetMeAsync(device.AccessToken), "token_revoked");
    }

    [Fact]
    public async Task ALoadThatReadTheDatabaseBeforeABump_NeverOverwritesTheNewerState()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        var admin = await LoginAsync(await CreateAdminAsync());
        Factory.StateCache.Invalidate(account.Id);
        var hold = Factory.StateSource.HoldNextLoad(account.Id);

        // A request whose cache miss reads version 1, then stalls before it can store it.
        var early = GetMeAsync(tokens.AccessToken);
        Assert.Equal(1, await hold.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        // The bump commits and returns while that load is still open.
        var revoke = await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/revoke-sessions", admin.AccessToken);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var late = GetMeAsync(tokens.AccessToken);
        hold.Release();

        await AssertUnauthorizedAsync(await late, "token_revoked");
        await AssertUnauthorizedAsync(await early, "token_revoked");
        Assert.Equal(2, (await Factory.StateCache.GetAsync(account.Id, CancellationToken.None)).Version);
        await AssertUnauthorizedAsync(await GetMeAsync(tokens.AccessToken), "token_revoked");
    }

    [Fact]
    public async Task ConcurrentMissesForOneUser_RunOneDatabaseRead()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        Factory.StateCache.Invalidate(account.Id);
        var before = Factory.StateSource.LoadsOf(account.Id);
        var hold = Factory.StateSource.HoldNextLoad(account.Id);
        using var lookups = new MetricCollector<long>(Factory.Services.GetRequiredService<IMeterFactory>(),
            TokenVersioningMetrics.MeterName, "tokenversioning.cache.lookups");

        var requests = Enumerable.Range(0, 20).Select(_ => GetMeAsync(tokens.AccessToken)).ToList();
        await hold.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // A request counted as a miss has joined the load in flight before it waits: wait for all twenty.
        await Eventually.TrueAsync(() => lookups.GetMeasurementSnapshot().Sum(m => m.Value) == 20, TimeSpan.FromSeconds(10),
            "twenty requests did not reach the cache");
        hold.Release();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, Factory.StateSource.LoadsOf(account.Id) - before);
    }

    [Fact]
    public async Task AChangeTheCacheWasNotToldAbout_IsSeenOnceTheEntryIsOlderThanMaxEntryAge()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens.AccessToken)).StatusCode);

        // Another process bumps the version in the shared database; no invalidation reaches this one.
        await WithDbAsync(db => db.Users.Where(u => u.Id == account.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TokenVersion, u => u.TokenVersion + 1)));
        // Seen by a check from 30 s on, and at 61 s at the latest: past MaxEntryAge (60 s) whatever the jitter.
        Factory.Time.Advance(TimeSpan.FromSeconds(61));
        await AssertUnauthorizedAsync(await GetMeAsync(tokens.AccessToken), "token_revoked");
    }

    [Fact]
    public async Task AStateInUse_IsCheckedInsteadOfReadAgain_AndAChangeItWasNotToldAbout_IsSeenAtTheCheck()
    {
        var (kept, changed) = (await RegisterAsync(), await RegisterAsync());
        var (keptTokens, changedTokens) = (await LoginAsync(kept), await LoginAsync(changed));
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(keptTokens.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(changedTokens.AccessToken)).StatusCode);
        var loads = Factory.StateSource.LoadsOf(kept.Id);

        // Another process bumps one user's version in the shared database; no invalidation reaches this one.
        await WithDbAsync(db => db.Users.Where(u => u.Id == changed.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TokenVersion, u => u.TokenVersion + 1)));
        // 31 s on, both states are within their entry age (75-100 % of 60 s), so only the check can drop one.
        Factory.Time.Advance(TimeSpan.FromSeconds(31));
        await Eventually.TrueAsync(async () => (await GetMeAsync(changedTokens.AccessToken)).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(5), "the check dropped the changed state");
        await AssertUnauthorizedAsync(await GetMeAsync(changedTokens.AccessToken), "token_revoked");
        await Eventually.TrueAsync(() => Factory.StateSource.ChecksOf(kept.Id) >= 1, TimeSpan.FromSeconds(5), "the kept state was checked");

        // 60 s after its load the kept state would have expired (it lives under 60 s); checked at 30 s or later, it
        // is still in use, with no whole read.
        Factory.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(keptTokens.AccessToken)).StatusCode);
        Assert.Equal(loads, Factory.StateSource.LoadsOf(kept.Id));
    }

    [Fact]
    public async Task ATokenNewerThanTheCachedState_ReloadsInsteadOfRefusing()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens.AccessToken)).StatusCode);
        // Another node revoked and this client refreshed there: this process still caches version 1.
        await WithDbAsync(db => db.Users.Where(u => u.Id == account.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TokenVersion, u => u.TokenVersion + 1)));
        var refreshed = await RefreshOkAsync(tokens.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(refreshed.AccessToken)).StatusCode);
        await AssertUnauthorizedAsync(await GetMeAsync(tokens.AccessToken), "token_revoked");
    }
}
