using System.Diagnostics.Metrics;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Telemetry;

namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>
/// This node's revocation inbox: the one place where a revocation becomes known here. It arrives one of three
/// ways, each one method: <see cref="Committed"/> (this node made it), <see cref="Heard"/> (the fast channel) and
/// <see cref="Read"/> (the poll of the revocation log). Each moves the cache and records the delay
/// (<c>tokenversioning.invalidation.delay</c> by source); an entry read from the log also goes to the event
/// streams. A completed poll <see cref="Confirm"/>s the node, and whoever asks whether this node may be trusted
/// (the cache on every request, the health checks, the event streams, the age gauge) reads that one
/// <see cref="RevocationConfirmation"/>.
/// </summary>
public sealed class NodeRevocations
{
    private readonly UserStateCache _cache;
    private readonly RevocationConfirmation _confirmation;
    private readonly RevocationFeed _feed;
    private readonly RevocationLogSignal _signal;
    private readonly TokenVersioningMetrics _metrics;
    private readonly TimeProvider _time;
    private IFastChannel? _fastChannel;

    public NodeRevocations(
        UserStateCache cache, RevocationConfirmation confirmation, RevocationFeed feed, RevocationLogSignal signal,
        TokenVersioningMetrics metrics, TimeProvider time)
    {
        _cache = cache;
        _confirmation = confirmation;
        _feed = feed;
        _signal = signal;
        _metrics = metrics;
        _time = time;
        metrics.Meter.CreateObservableGauge(
            "tokenversioning.confirmation.age",
            () => confirmation.Age?.TotalSeconds ?? double.NaN,
            "s", "Time since this node last completed a poll of the revocation log.");
    }

    /// <summary>
    /// A revocation of <paramref name="userId"/> this node tried to commit: the user's cached state is dropped, so
    /// the next request reads the row again, whether <paramref name="entry"/> committed or the outcome is unknown
    /// (null: the transaction failed or never answered). A committed entry is also one the event streams want.
    /// </summary>
    public void Committed(Guid userId, RevocationLogEntry? entry)
    {
        _cache.Invalidate(userId);
        if (entry is null) return;
        _metrics.Invalidated("local", _time.GetUtcNow() - entry.At);
        _signal.EntryPending();
    }

    /// <summary>A revocation another node committed, heard on the fast channel before its log entry is read.</summary>
    public void Heard(RevocationMessage message)
    {
        MoveForward(message.UserId, message.Version, message.Event, message.CommittedAt, "redis");
        _signal.EntryPending();
    }

    /// <summary>An entry read from the revocation log (by the poll), each entry once.</summary>
    public void Read(RevocationLogEntry entry)
    {
        MoveForward(entry.UserId, entry.TokenVersion, entry.Event, entry.At, "poll");
        _feed.Publish(entry);
    }

    /// <summary>A revocation another node committed: the held state moves forward to it without a read.</summary>
    private void MoveForward(Guid userId, long version, string revocationEvent, DateTimeOffset committedAt, string source)
    {
        _cache.Apply(userId, version, RevocationRule.Named(revocationEvent));
        _metrics.Invalidated(source, _time.GetUtcNow() - committedAt);
    }

    /// <summary>A poll of the log that started at <paramref name="pollStartedAt"/> completed: every revocation committed before it is known here.</summary>
    public void Confirm(long pollStartedAt) => _confirmation.Confirm(pollStartedAt);

    /// <summary>How long ago the last completed poll started; null before the first.</summary>
    public TimeSpan? ConfirmationAge => _confirmation.Age;

    /// <summary>Whether that was within <c>RevocationCache:MaxStaleness</c>: cached states may be used without a read.</summary>
    public bool IsConfirmed => _confirmation.IsConfirmed;

    public TimeSpan MaxStaleness => _confirmation.MaxStaleness;

    /// <summary>
    /// Whether a revocation published at <paramref name="publishedAt"/> (a timestamp) is still news to another node:
    /// past the staleness bound, every node has either read it from the log or stopped trusting its cache.
    /// </summary>
    public bool IsStillNews(long publishedAt) => _time.GetElapsedTime(publishedAt) < _confirmation.MaxStaleness;

    /// <summary>Whether the fast channel is connected; null when this node has none (polling only).</summary>
    public bool? FastChannelConnected => _fastChannel?.IsConnected;

    /// <summary>The fast channel registers itself when it is created (it calls <see cref="Heard"/>, so it cannot be handed in).</summary>
    internal void Attach(IFastChannel channel) => _fastChannel = channel;
}
