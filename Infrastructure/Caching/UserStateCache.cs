using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Infrastructure.Telemetry;

namespace TokenVersioning.Infrastructure.Caching;

/// <summary>
/// Per-process cache of <see cref="UserState"/>. Guarantees:
/// <list type="bullet">
/// <item>concurrent misses for one user share one database read;</item>
/// <item>a read that started before an invalidation never lands in the cache, and nobody who asks after the
/// invalidation gets its result (they read again), so the cache never moves backwards;</item>
/// <item>an entry is not used once its last database read is older than <see cref="RevocationCacheOptions.MaxEntryAge"/>
/// (entries in use are re-read in batches before that, <see cref="CheckAsync"/>), nor once both that read and this
/// node's last completed poll of the revocation log are older than <see cref="RevocationCacheOptions.MaxStaleness"/>;</item>
/// <item>at most <see cref="RevocationCacheOptions.SizeLimit"/> users are held: past it, expired entries go
/// first, then the least recently used.</item>
/// </list>
/// Its own table (<see cref="UserStateTable"/>) rather than <c>IMemoryCache</c>, whose per-entry bookkeeping alone
/// outweighed the state it held, or a concurrent dictionary, whose node per entry costs a hit one more trip to memory.
/// </summary>
public sealed partial class UserStateCache : IDisposable
{
    private readonly UserStateTable _states = new();
    private readonly ConcurrentDictionary<Guid, Load> _loads = new();
    private readonly IUserStateSource _source;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly RevocationConfirmation _confirmation;
    private readonly long _sizeLimit;
    private readonly Lock _compaction = new();
    private long _lastSweep;

    private readonly TokenVersioningMetrics? _metrics;

    /// <param name="confirmation">This node's confirmation: how long a state read before its last poll may be used.</param>
    /// <param name="metrics">Hit, miss and size instruments; none in unit tests.</param>
    public UserStateCache(
        IUserStateSource source,
        TimeProvider time,
        IOptions<RevocationCacheOptions> options,
        RevocationConfirmation confirmation,
        TokenVersioningMetrics? metrics = null)
    {
        _metrics = metrics;
        metrics?.Meter.CreateObservableGauge("tokenversioning.cache.entries", () => Count, "{user}", "Users whose state this node holds.");
        _source = source;
        _time = time;
        _maxAge = options.Value.MaxEntryAge;
        _confirmation = confirmation;
        _sizeLimit = options.Value.SizeLimit;
        _lastSweep = time.GetTimestamp();
    }

    public long Count => _states.Count;

    public ValueTask<UserState> GetAsync(Guid userId, CancellationToken ct)
    {
        var now = _time.GetTimestamp();
        if (_states.TryGet(userId, out var state) && IsFresh(state, now) && IsConfirmed(state, now))
        {
            state.LastUsed = now;
            _metrics?.CacheLookup(hit: true);
            return ValueTask.FromResult(state);
        }

        _metrics?.CacheLookup(hit: false);
        return new ValueTask<UserState>(LoadAsync(userId, ct));
    }

    /// <summary>
    /// Starts fetching the user's state from memory, for a <see cref="GetAsync"/> after some work that does not need
    /// it (the validator computes the token's fingerprint in between). Reads and changes nothing.
    /// </summary>
    public void Prefetch(Guid userId) => _states.Prefetch(userId);

    /// <summary>Starts fetching the user's slot of the index, for a <see cref="Prefetch"/> after some more work.</summary>
    public void PrefetchSlot(Guid userId) => _states.PrefetchSlot(userId);

    /// <summary>
    /// Drops what this process knows of the user (this node committed a change, <c>NodeRevocations.Committed</c>); the next request reads
    /// the database again.
    /// </summary>
    public void Invalidate(Guid userId)
    {
        if (_loads.TryGetValue(userId, out var load)) load.Invalidate();
        Remove(userId);
    }

    /// <summary>
    /// Moves this node forward to a revocation heard of from the log or the fast channel (by the node's inbox), unless its state already
    /// holds <paramref name="version"/> or a later one (an older message changes nothing); a read in flight is read
    /// again. A held state becomes what the revocation says (<see cref="UserState.After"/>), so that the old tokens
    /// are refused without a database read; a rule this release does not know drops it instead.
    /// </summary>
    public void Apply(Guid userId, long version, RevocationRule? rule)
    {
        if (_loads.TryGetValue(userId, out var load)) load.Invalidate();
        while (_states.TryGet(userId, out var state) && IsLater(state, version, rule))
        {
            if (rule is null)
            {
                Remove(state);
                return;
            }

            if (_states.TryReplace(state, UserState.After(rule, userId, version, _time.GetTimestamp()))) return;
        }
    }

    /// <summary>
    /// Whether a revocation at <paramref name="version"/> is news to a held state: a later version, or, at the same
    /// version, an enable after the disable that raised it (enabling does not raise the version).
    /// </summary>
    private static bool IsLater(UserState state, long version, RevocationRule? rule) =>
        state.Version < version || (state.Version == version && rule is { SetDisabled: false } && state.Status == UserStatus.Disabled);

    /// <summary>Reads the user again even when a fresh entry is cached (a token newer than the cache was shown).</summary>
    public Task<UserState> ReloadAsync(Guid userId, CancellationToken ct)
    {
        Invalidate(userId);
        return LoadAsync(userId, ct);
    }

    public void Dispose()
    {
        _states.Clear();
    }

    // Each entry lives a random 75-100 % of MaxEntryAge: the bound holds, and users loaded together (after a
    // restart, say) are not all read again in the same second.
    private bool IsFresh(UserState state, long now) =>
        _time.GetElapsedTime(state.ReadAt, now) < _maxAge * state.LifetimeFraction;

    private bool IsConfirmed(UserState state, long now) => _confirmation.Covers(state.ReadAt, now);

    private async Task<UserState> LoadAsync(Guid userId, CancellationToken ct)
    {
        while (true)
        {
            var load = _loads.GetOrAdd(userId, static (id, self) => new Load(self, id), this);
            var state = await load.Task.WaitAsync(ct);
            if (!load.IsInvalidated) return state;
            // The read may predate a change committed since; read again. A state heard of from another node is no read
            // result: whoever asked for a read gets one.
            var now = _time.GetTimestamp();
            if (_states.TryGet(userId, out var cached) && cached.Status != UserStatus.Superseded && IsFresh(cached, now) && IsConfirmed(cached, now))
                return cached;
        }
    }

    private void Store(UserState state)
    {
        if (_states.Set(state) && (Count > _sizeLimit || _time.GetElapsedTime(Interlocked.Read(ref _lastSweep)) > _maxAge))
            Compact();
    }

    private void Remove(Guid userId) => _states.TryRemove(userId);

    private void Remove(UserState state) => _states.TryRemove(state);

    /// <summary>
    /// Drops every expired entry, then, while over the limit, the least recently used, down to 90 % of the limit
    /// so that the next compaction is many insertions away. One compaction at a time; others carry on.
    /// </summary>
    private void Compact()
    {
        if (!_compaction.TryEnter()) return;
        try
        {
            var now = _time.GetTimestamp();
            Interlocked.Exchange(ref _lastSweep, now);
            var live = new List<UserState>();
            foreach (var state in _states.States())
            {
                if (IsFresh(state, now)) live.Add(state);
                else Remove(state);
            }

            var target = _sizeLimit - Math.Max(1, _sizeLimit / 10);
            if (Count <= _sizeLimit) return;
            live.Sort(static (a, b) => a.LastUsed.CompareTo(b.LastUsed));
            for (var i = 0; i < live.Count && Count > target; i++) Remove(live[i]);
        }
        finally
        {
            _compaction.Exit();
        }
    }
}
