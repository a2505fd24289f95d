using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Caching;

/// <summary>
/// How far this node's cached states may be trusted: when its last completed poll of the revocation log started
/// (every revocation committed before that has reached the node), and the bound past which a state read before
/// it is not used (<c>RevocationCache:MaxStaleness</c>). Confirmed by the node's revocation inbox
/// (<c>NodeRevocations</c>) only; the cache asks it on every request, one volatile read.
/// </summary>
public sealed class RevocationConfirmation(TimeProvider time, IOptions<RevocationCacheOptions> options)
{
    private long _confirmedAt = long.MinValue;

    public TimeSpan MaxStaleness { get; } = options.Value.MaxStaleness;

    /// <summary>How long ago the last completed poll started; null before the first one.</summary>
    public TimeSpan? Age
    {
        get
        {
            var at = Volatile.Read(ref _confirmedAt);
            return at == long.MinValue ? null : time.GetElapsedTime(at);
        }
    }

    /// <summary>Whether the last completed poll started within <see cref="MaxStaleness"/>.</summary>
    public bool IsConfirmed => Age < MaxStaleness;

    /// <summary>
    /// Whether a state read at <paramref name="readAt"/> may be used at <paramref name="now"/>: the later of its
    /// own read and the last completed poll is within <see cref="MaxStaleness"/>.
    /// </summary>
    public bool Covers(long readAt, long now) =>
        time.GetElapsedTime(Math.Max(readAt, Volatile.Read(ref _confirmedAt)), now) < MaxStaleness;

    internal void Confirm(long pollStartedAt) => Timestamps.RaiseTo(ref _confirmedAt, pollStartedAt);
}
