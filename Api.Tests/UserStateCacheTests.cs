using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.Tests;

/// <summary>The cache on its own, with a scripted source: ordering guarantees without HTTP or a database.</summary>
public sealed class UserStateCacheTests
{
    private static readonly SigningKeyRing Keys = new(Options.Create(new TokenOptions
    {
        SigningKeys = [new SigningKeyOptions { Id = "k", Secret = Convert.ToBase64String(new byte[32]) }],
    }));

    private readonly FakeTimeProvider _time = new();

    private sealed class ScriptedSource(FakeTimeProvider time) : IUserStateSource
    {
        public long Version = 1;
        public bool Disabled;
        public int Calls;
        public int Checks;
        public TaskCompletionSource? Gate;
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource? RowGate;
        public TaskCompletionSource RowsEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<UserState> LoadAsync(Guid userId, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            var state = UserState.Create(userId, Version, Disabled, new byte[32], Keys, time.GetTimestamp());
            var gate = Interlocked.Exchange(ref Gate, null);
            if (gate is not null)
            {
                Entered.TrySetResult();
                await gate.Task;
            }

            return state;
        }

        public async Task<IReadOnlyList<UserRow>> ReadRowsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct)
        {
            Interlocked.Increment(ref Checks);
            var rows = userIds.Select(id => new UserRow(id, Version, Disabled, new byte[32])).ToList();
            var gate = Interlocked.Exchange(ref RowGate, null);
            if (gate is not null)
            {
                RowsEntered.TrySetResult();
                await gate.Task;
            }

            return rows;
        }
    }

    private UserStateCache Cache(IUserStateSource source, long sizeLimit = 1000)
    {
        // The staleness bound is not under test here (AnUnconfirmedNode_… tests it): no bound.
        var options = Options.Create(new RevocationCacheOptions
        {
            MaxEntryAge = TimeSpan.FromMinutes(1), MaxStaleness = TimeSpan.MaxValue, SizeLimit = sizeLimit,
        });
        return new UserStateCache(source, _time, options, new RevocationConfirmation(_time, options));
    }

    [Fact]
    public async Task InvalidationDuringALoad_DiscardsTheLoadAndEveryWaiterReadsAgain()
    {
        var source = new ScriptedSource(_time) { Gate = new TaskCompletionSource() };
        using var cache = Cache(source);
        var id = Guid.NewGuid();
        var gate = source.Gate!;

        var early = cache.GetAsync(id, CancellationToken.None).AsTask();
        await source.Entered.Task.WaitAsync(TimeSpan.FromSeconds(5)); // read version 1, not yet stored
        source.Version = 2;                                              // the bump commits...
        cache.Invalidate(id);                                            // ...and invalidates
        var late = cache.GetAsync(id, CancellationToken.None).AsTask();
        gate.SetResult();

        Assert.Equal(2, (await late).Version);
        Assert.Equal(2, (await early).Version);
        Assert.Equal(2, (await cache.GetAsync(id, CancellationToken.None)).Version);
        Assert.Equal(2, source.Calls);
    }

    [Fact]
    public async Task ConcurrentMisses_ShareOneLoad()
    {
        var source = new ScriptedSource(_time) { Gate = new TaskCompletionSource() };
        using var cache = Cache(source);
        var id = Guid.NewGuid();
        var gate = source.Gate!;

        var waiters = Enumerable.Range(0, 50).Select(_ => cache.GetAsync(id, CancellationToken.None).AsTask()).ToList();
        await source.Entered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        gate.SetResult();
        await Task.WhenAll(waiters);

        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task Entries_AreNotUsedPastMaxEntryAge()
    {
        var source = new ScriptedSource(_time);
        using var cache = Cache(source);
        var id = Guid.NewGuid();
        await cache.GetAsync(id, CancellationToken.None);
        source.Version = 5;

        _time.Advance(TimeSpan.FromSeconds(44)); // entries live a random 75-100 % of MaxEntryAge
        Assert.Equal(1, (await cache.GetAsync(id, CancellationToken.None)).Version);
        _time.Advance(TimeSpan.FromSeconds(17));
        Assert.Equal(5, (await cache.GetAsync(id, CancellationToken.None)).Version);
    }

    [Fact]
    public async Task AStateInUse_IsCheckedInBatches_AndLivesOnWithoutAWholeRead()
    {
        var source = new ScriptedSource(_time);
        using var cache = Cache(source, sizeLimit: 5000);
        var ids = Enumerable.Range(0, UserStateCache.CheckBatch + 1).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in ids) await cache.GetAsync(id, CancellationToken.None);

        for (var second = 0; second < 300; second += 15)
        {
            _time.Advance(TimeSpan.FromSeconds(15));
            foreach (var id in ids) await cache.GetAsync(id, CancellationToken.None);
            await cache.CheckAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }

        Assert.Equal(ids.Length, source.Calls); // each user read whole once, five minutes ago
        Assert.InRange(source.Checks, 2 * 5, 2 * 20); // two reads per check that found users due
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ACheck_DropsAStateWhoseRowChanged_SoTheNextRequestReadsIt(bool disable)
    {
        var source = new ScriptedSource(_time);
        using var cache = Cache(source);
        var ids = new[] { Guid.NewGuid(), Guid.NewGuid() };
        foreach (var id in ids) await cache.GetAsync(id, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(31));
        foreach (var id in ids) await cache.GetAsync(id, CancellationToken.None);

        // The rows changed outside the service: nothing told the cache.
        if (disable) source.Disabled = true;
        else source.Version = 2;
        Assert.Equal(new StateCheck(0, 2), await cache.CheckAsync(TimeSpan.FromSeconds(5), CancellationToken.None));

        var state = await cache.GetAsync(ids[0], CancellationToken.None);
        Assert.Equal(disable ? UserStatus.Disabled : UserStatus.Active, state.Status);
        Assert.Equal(disable ? 1 : 2, state.Version);
        Assert.Equal(3, source.Calls);
    }

    [Fact]
    public async Task ACheck_KeepsAStateThroughAPause_ButLeavesOneIdleForTenEntryAgesToExpire()
    {
        var source = new ScriptedSource(_time);
        using var cache = Cache(source);
        var id = Guid.NewGuid();
        await cache.GetAsync(id, CancellationToken.None);
        for (var second = 0; second < 9 * 60; second += 30) // a pause of nine minutes, checks every 30 s
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            await cache.CheckAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }

        await cache.GetAsync(id, CancellationToken.None);
        Assert.Equal(1, source.Calls); // kept: still the state read nine minutes ago, checked since

        for (var second = 0; second < 11 * 60; second += 30) // idle for eleven minutes
        {
            _time.Advance(TimeSpan.FromSeconds(30));
            await cache.CheckAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }

        var checks = source.Checks;
        await cache.GetAsync(id, CancellationToken.None);
        Assert.Equal(2, source.Calls); // expired: read whole again
        Assert.InRange(checks, 18, 40); // checked while used within ten minutes, then no more
    }

    [Fact]
    public async Task ACheckThatRacesARevocation_NeverPutsTheOlderStateBack()
    {
        var gate = new TaskCompletionSource();
        var source = new ScriptedSource(_time) { RowGate = gate };
        using var cache = Cache(source);
        var id = Guid.NewGuid();
        await cache.GetAsync(id, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(31));
        await cache.GetAsync(id, CancellationToken.None);

        var check = cache.CheckAsync(TimeSpan.FromSeconds(5), CancellationToken.None); // reads version 1, held
        await source.RowsEntered.Task.WaitAsync(TimeSpan.FromSeconds(5));
        cache.Apply(id, 2, RevocationRule.For(RevocationEvent.Logout));                // the revocation arrives
        gate.SetResult();
        await check;

        var state = await cache.GetAsync(id, CancellationToken.None);
        Assert.Equal(UserStatus.Superseded, state.Status);
        Assert.Equal(2, state.Version);
    }

    [Fact]
    public async Task TheCacheStaysWithinItsSizeLimit()
    {
        var source = new ScriptedSource(_time);
        using var cache = Cache(source, sizeLimit: 10);

        for (var i = 0; i < 200; i++) await cache.GetAsync(Guid.NewGuid(), CancellationToken.None);

        Assert.InRange(cache.Count, 1, 10);
    }

    public static TheoryData<RevocationEvent, UserStatus> WhatARevocationTells => new()
    {
        { RevocationEvent.Logout, UserStatus.Superseded },
        { RevocationEvent.LogoutAll, UserStatus.Superseded },
        { RevocationEvent.PasswordChanged, UserStatus.Superseded },
        { RevocationEvent.UserEnabled, UserStatus.Superseded },
        { RevocationEvent.UserDisabled, UserStatus.Disabled },
        { RevocationEvent.UserDeleted, UserStatus.Missing },
    };

    [Theory]
    [MemberData(nameof(WhatARevocationTells))]
    public async Task ApplyingARevocation_TellsTheStateWithoutARead_AndNeverMovesBackwards(RevocationEvent revocation, UserStatus told)
    {
        var source = new ScriptedSource(_time) { Version = 3 };
        using var cache = Cache(source);
        var id = Guid.NewGuid();
        await cache.GetAsync(id, CancellationToken.None);
        var rule = RevocationRule.For(revocation);

        cache.Apply(id, 2, rule); // an older message: nothing changes
        Assert.Equal((3, UserStatus.Active), Observed(await cache.GetAsync(id, CancellationToken.None)));

        cache.Apply(id, 4, rule);
        Assert.Equal((4, told), Observed(await cache.GetAsync(id, CancellationToken.None)));
        Assert.Equal(1, source.Calls);
    }

    [Fact]
    public async Task ApplyingARevocationOfAnUnknownKind_DropsTheState()
    {
        var source = new ScriptedSource(_time) { Version = 3 };
        using var cache = Cache(source);
        var id = Guid.NewGuid();
        await cache.GetAsync(id, CancellationToken.None);

        source.Version = 4;
        cache.Apply(id, 4, rule: null);

        Assert.Equal((4, UserStatus.Active), Observed(await cache.GetAsync(id, CancellationToken.None)));
        Assert.Equal(2, source.Calls);
    }

    private static (long, UserStatus) Observed(UserState state) => (state.Version, state.Status);

    [Fact]
    public async Task AnUnconfirmedNode_ReadsStatesAgainPastMaxStaleness()
    {
        var source = new ScriptedSource(_time);
        var options = Options.Create(new RevocationCacheOptions
        {
            MaxEntryAge = TimeSpan.FromMinutes(10), MaxStaleness = TimeSpan.FromSeconds(30),
        });
        var confirmation = new RevocationConfirmation(_time, options);
        using var cache = new UserStateCache(source, _time, options, confirmation);
        var id = Guid.NewGuid();
        confirmation.Confirm(_time.GetTimestamp());
        await cache.GetAsync(id, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(29));
        await cache.GetAsync(id, CancellationToken.None);
        Assert.Equal(1, source.Calls);          // within the bound: the cached state serves
        _time.Advance(TimeSpan.FromSeconds(2));
        await cache.GetAsync(id, CancellationToken.None);
        Assert.Equal(2, source.Calls);          // no poll completed for 31 s: read again before use
        confirmation.Confirm(_time.GetTimestamp());
        await cache.GetAsync(id, CancellationToken.None);

        Assert.Equal(2, source.Calls);          // confirmed again: the cache serves
    }
}
