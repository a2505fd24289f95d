using System.Collections.Concurrent;

namespace TokenVersioning.Infrastructure.Clients;

/// <summary>The event streams open on this node, per API client, so that deleting a client closes them at once.</summary>
public sealed class ClientStreams
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _open = new();

    /// <summary>A token that fires when the client is deleted on this node.</summary>
    public CancellationToken Register(Guid clientId) =>
        _open.GetOrAdd(clientId, static _ => new CancellationTokenSource()).Token;

    public void Close(Guid clientId)
    {
        if (_open.TryRemove(clientId, out var streams)) streams.Cancel();
    }
}
