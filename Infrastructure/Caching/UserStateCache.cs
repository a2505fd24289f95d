using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Caching;

/// <summary>
/// Per-process cache of <see cref="UserState"/>. Guarantees:
/// <list type="bullet">
/// <item>concurrent misses for one user share one database read;</item>
/// <item>a read that started before an invalidation never lands in the cache, and nobody who asks after the
/// invalidation gets its result (they read again), so the cache never moves backwards;</item>
/// <item>an entry is not used once older than <see cref="RevocationCacheOptions.MaxEntryAge"/>.</item>
/// </list>
/// </summary>
public sealed class UserStateCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly IUserStateSource _source;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly ConcurrentDictionary<Guid, Load> _loads = new();

    public UserStateCache(IUserStateSource source, TimeProvider time, IOptions<RevocationCacheOptions> options)
    {
        _source = source;
        _time = time;
        _maxAge = options.Value.MaxEntryAge;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimit });
    }

    public long Count => _cache.Count;

    public ValueTask<UserState> GetAsync(Guid userId, CancellationToken ct)
    {
        if (_cache.TryGetValue(userId, out UserState? state) && IsFresh(state!))
            return ValueTask.FromResult(state!);
        return new ValueTask<UserState>(LoadAsync(userId, ct));
    }

    /// <summary>
    /// Drops what this process knows of the user. Call after the change is committed; the next request reads
    /// the database again.
    /// </summary>
    public void Invalidate(Guid userId)
    {
        if (_loads.TryGetValue(userId, out var load)) load.Invalidate();
        _cache.Remove(userId);
    }

    /// <summary>Reads the user again even when a fresh entry is cached (a token newer than the cache was shown).</summary>
    public Task<UserState> ReloadAsync(Guid userId, CancellationToken ct)
    {
        Invalidate(userId);
        return LoadAsync(userId, ct);
    }

    public void Dispose() => _cache.Dispose();

    // Each entry lives a random 75-100 % of MaxEntryAge: the bound holds, and users loaded together (after a
    // restart, say) are not all read again in the same second.
    private bool IsFresh(UserState state) => _time.GetElapsedTime(state.LoadedAt) < _maxAge * state.LifetimeFraction;

    private async Task<UserState> LoadAsync(Guid userId, CancellationToken ct)
    {
        while (true)
        {
            var load = _loads.GetOrAdd(userId, static (id, self) => new Load(self, id), this);
            var state = await load.Task.WaitAsync(ct);
            if (!load.IsInvalidated) return state;
            // The read may predate a change committed since; read again.
            if (_cache.TryGetValue(userId, out UserState? cached) && IsFresh(cached!)) return cached!;
        }
    }

    private void Store(UserState state)
    {
        var entry = new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _maxAge };
        _cache.Set(state.UserId, state, entry);
    }

    /// <summary>One database read in flight for one user.</summary>
    private sealed class Load(UserStateCache owner, Guid userId)
    {
        private readonly Lock _gate = new();
        private Task<UserState>? _task;
        private volatile bool _invalidated;

        public bool IsInvalidated => _invalidated;

        public Task<UserState> Task
        {
            get
            {
                if (_task is not null) return _task;
                lock (_gate) return _task ??= RunAsync();
            }
        }

        public void Invalidate()
        {
            lock (_gate) _invalidated = true;
        }

        private async Task<UserState> RunAsync()
        {
            await System.Threading.Tasks.Task.Yield();
            try
            {
                // Not the caller's token: other requests wait on this read too.
                var state = await owner._source.LoadAsync(userId, CancellationToken.None);
                lock (_gate)
                {
                    if (!_invalidated) owner.Store(state);
                }

                return state;
            }
            finally
            {
                owner._loads.TryRemove(KeyValuePair.Create(userId, this));
            }
        }
    }
}
