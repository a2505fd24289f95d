using System.Collections.Concurrent;

namespace TokenVersioning.Client;

/// <summary>
/// The service's acceptances, by token, until each token's <c>exp</c>; at most <c>CacheSize</c> of them (expired ones
/// go first, then the least recently used). A revocation event raises the user's floor: a verdict below it is never
/// used again (and is dropped when next looked up), so a revoked user's tokens are asked about again at once.
/// Only acceptances are kept: a refused or garbled token can never push a genuine verdict out.
/// </summary>
internal sealed class VerdictCache(int size, TimeProvider time)
{
    private readonly ConcurrentDictionary<TokenKey, Verdict> _verdicts = new();
    private readonly ConcurrentDictionary<Guid, long> _floors = new();
    private readonly Lock _compaction = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public Verdict? Get(TokenKey key)
    {
        if (!_verdicts.TryGetValue(key, out var verdict)) return null;
        if (verdict.Expires <= time.GetUtcNow().ToUnixTimeSeconds() || verdict.Version < Floor(verdict.UserId))
        {
            Remove(key, verdict);
            return null;
        }

        verdict.LastUsed = time.GetTimestamp();
        return verdict;
    }

    public void Add(TokenKey key, Verdict verdict)
    {
        if (verdict.Version < Floor(verdict.UserId)) return; // a revocation overtook this answer
        verdict.LastUsed = time.GetTimestamp();
        if (_verdicts.TryAdd(key, verdict) && Interlocked.Increment(ref _count) > size) Compact();
    }

    /// <summary>The user's version reached <paramref name="version"/>: every verdict under an older one is stale.</summary>
    public void Revoke(Guid userId, long version)
    {
        _floors.AddOrUpdate(userId, version, (_, floor) => Math.Max(floor, version));
        // One floor per user seen in an event: bounded like the verdicts (dropping both is always safe).
        if (_floors.Count > size) Clear();
    }

    /// <summary>Forgets everything (a <c>reset</c> event, or an event that could not be read).</summary>
    public void Clear()
    {
        _verdicts.Clear();
        _floors.Clear();
        Interlocked.Exchange(ref _count, 0);
    }

    private long Floor(Guid userId) => _floors.TryGetValue(userId, out var floor) ? floor : long.MinValue;

    private void Remove(TokenKey key, Verdict verdict)
    {
        if (_verdicts.TryRemove(KeyValuePair.Create(key, verdict))) Interlocked.Decrement(ref _count);
    }

    /// <summary>Drops the expired, then the least recently used down to 90 % of the size; one compaction at a time.</summary>
    private void Compact()
    {
        if (!_compaction.TryEnter()) return;
        try
        {
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            var live = new List<KeyValuePair<TokenKey, Verdict>>();
            foreach (var entry in _verdicts)
            {
                if (entry.Value.Expires <= now) Remove(entry.Key, entry.Value);
                else live.Add(entry);
            }

            var target = size - Math.Max(1, size / 10);
            if (Count <= size) return;
            live.Sort(static (a, b) => a.Value.LastUsed.CompareTo(b.Value.LastUsed));
            for (var i = 0; i < live.Count && Count > target; i++) Remove(live[i].Key, live[i].Value);
        }
        finally
        {
            _compaction.Exit();
        }
    }
}
