namespace TokenVersioning.Infrastructure.Caching;

/// <summary>
/// When this node last completed a poll of the revocation log: every revocation committed before that poll
/// started has been applied here. Written by the poller, read on every request (one memory read).
/// </summary>
public sealed class RevocationConfirmation
{
    private long _confirmedAt = long.MinValue;

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) at which the last completed poll started; none yet: <see cref="long.MinValue"/>.</summary>
    public long ConfirmedAt => Volatile.Read(ref _confirmedAt);

    /// <summary>How long ago the last completed poll started; null before the first one.</summary>
    public TimeSpan? Age(TimeProvider time)
    {
        var at = ConfirmedAt;
        return at == long.MinValue ? null : time.GetElapsedTime(at);
    }

    public void Confirm(long pollStartedAt) => Timestamps.RaiseTo(ref _confirmedAt, pollStartedAt);
}
