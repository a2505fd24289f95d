namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>Cuts the poller's wait short when an entry is known to be in the log and someone follows it live.</summary>
public sealed class RevocationLogSignal(RevocationFeed feed)
{
    private readonly SemaphoreSlim _rung = new(0, 1);

    /// <summary>
    /// An entry is in the log that the poll has not read yet (committed here, or heard on the fast channel). The
    /// cache already knows; the entry itself is read now only for the event streams: with nobody following, the
    /// regular poll is soon enough, and the node spends no database read per revocation.
    /// </summary>
    public void EntryPending()
    {
        if (!feed.IsFollowed) return;
        try
        {
            if (_rung.CurrentCount == 0) _rung.Release();
        }
        catch (SemaphoreFullException)
        {
            // already rung
        }
    }

    /// <summary>Waits for the interval (on <paramref name="time"/>) or for a wake-up, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(interval, time, either.Token);
        var rung = _rung.WaitAsync(either.Token);
        await Task.WhenAny(delay, rung);
        await either.CancelAsync();
        try
        {
            await Task.WhenAll(delay, rung);
        }
        catch (OperationCanceledException)
        {
            ct.ThrowIfCancellationRequested();
        }
    }
}
