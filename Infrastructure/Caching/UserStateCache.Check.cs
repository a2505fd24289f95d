namespace TokenVersioning.Infrastructure.Caching;

public sealed partial class UserStateCache
{
    /// <summary>Most users one check reads at once.</summary>
    public const int CheckBatch = 1000;

    /// <summary>How long after its last use a state is still checked (and so kept), in entry ages: ten minutes by default.</summary>
    public const int CheckedWhileIdleFor = 10;

    /// <summary>
    /// Checks the states that are due against the database, up to <see cref="CheckBatch"/> users per read: those
    /// read at least half of <see cref="RevocationCacheOptions.MaxEntryAge"/> ago and used by a request within the
    /// last <see cref="CheckedWhileIdleFor"/> entry ages. A state whose row is unchanged is re-armed (its read time
    /// becomes the check's); a changed or missing row drops it, so that the next request reads the user whole.
    /// States idle for longer are left to expire. Every change the service makes reaches the cache through the
    /// revocation log; this check is what still bounds a change it never carried (a row edited outside the service,
    /// a restored backup) by the maximum entry age, without reading and verifying every user again each minute,
    /// nor every user who paused for more than a minute.
    /// </summary>
    /// <param name="readTimeout">Longest one read may take (<c>Database:Timeout</c>).</param>
    public async Task<StateCheck> CheckAsync(TimeSpan readTimeout, CancellationToken ct)
    {
        var now = _time.GetTimestamp();
        var due = new List<UserState>();
        foreach (var state in _states.States())
        {
            if (state.Status == UserStatus.Active && IsFresh(state, now) && _time.GetElapsedTime(state.ReadAt, now) >= _maxAge / 2
                && _time.GetElapsedTime(state.LastUsed, now) < _maxAge * CheckedWhileIdleFor)
                due.Add(state);
        }

        var (unchanged, dropped) = (0, 0);
        foreach (var batch in due.Chunk(CheckBatch))
        {
            var startedAt = _time.GetTimestamp();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(readTimeout);
            var rows = (await _source.ReadRowsAsync(Array.ConvertAll(batch, s => s.UserId), deadline.Token)).ToDictionary(r => r.UserId);
            _metrics?.CacheRead("check");
            foreach (var state in batch)
            {
                if (rows.TryGetValue(state.UserId, out var row) && state.Matches(row))
                {
                    state.Reread(startedAt);
                    unchanged++;
                }
                else
                {
                    Remove(state);
                    dropped++;
                }
            }
        }

        _metrics?.CacheChecked(unchanged, dropped);
        return new StateCheck(unchanged, dropped);
    }
}

/// <param name="Unchanged">States whose row was as cached, re-armed.</param>
/// <param name="Dropped">States whose row had changed or gone, dropped.</param>
public readonly record struct StateCheck(int Unchanged, int Dropped);
