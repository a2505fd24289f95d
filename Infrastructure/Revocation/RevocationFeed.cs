using System.Collections.Concurrent;
using System.Threading.Channels;
using TokenVersioning.Domain.Revocation;

namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>
/// The revocation log entries this node's poller reads, handed to whoever follows them live (the event streams),
/// each entry once, as the poll reads it (<see cref="NodeRevocations.Read"/>).
/// </summary>
public sealed class RevocationFeed
{
    private readonly ConcurrentDictionary<Channel<RevocationLogEntry>, byte> _followers = new();

    public bool IsFollowed => !_followers.IsEmpty;

    public Follower Follow()
    {
        var channel = Channel.CreateBounded<RevocationLogEntry>(new BoundedChannelOptions(10_000)
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite,
        });
        _followers[channel] = 0;
        return new Follower(this, channel);
    }

    internal void Publish(RevocationLogEntry entry)
    {
        foreach (var follower in _followers.Keys)
        {
            // A follower too slow to keep 10,000 entries is cut off rather than let memory grow; it resumes with
            // Last-Event-ID and reads what it missed from the log.
            if (!follower.Writer.TryWrite(entry)) follower.Writer.TryComplete(new InvalidOperationException("The follower fell behind."));
        }
    }

    public sealed class Follower(RevocationFeed feed, Channel<RevocationLogEntry> channel) : IDisposable
    {
        public ChannelReader<RevocationLogEntry> Entries => channel.Reader;

        public void Dispose() => feed._followers.TryRemove(channel, out _);
    }
}
