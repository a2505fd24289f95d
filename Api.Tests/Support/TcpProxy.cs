using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>
/// A loopback TCP proxy in front of a real server, so that a test can take the server away from one node only:
/// <see cref="Refuse"/> (connections refused, open ones reset), <see cref="Hang"/> (connections accepted, nothing
/// answered, like a server that stopped responding) and <see cref="Restore"/>.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly int _upstreamPort;
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private volatile bool _hanging;

    public TcpProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        Port = Ports.Free();
        Listen();
    }

    public int Port { get; }

    /// <summary>The server is gone: new connections are refused and open ones reset.</summary>
    public void Refuse()
    {
        _listener?.Stop();
        _listener = null;
        ResetAll();
    }

    /// <summary>The server hangs: connections are accepted and whatever is sent goes unanswered.</summary>
    public void Hang()
    {
        _hanging = true;
        _listener ??= Listen();
    }

    public void Restore()
    {
        if (_hanging)
        {
            _hanging = false;
            ResetAll(); // what hung stays broken, as after a real outage
        }

        _listener ??= Listen();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Refuse();
        _stop.Dispose();
    }

    private TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
        return listener;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return; // stopped
            }

            _open[client] = 0;
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        if (_hanging) return; // held open, never answered
        var upstream = new TcpClient();
        _open[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
            await Task.WhenAny(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // either side went away
        }
        finally
        {
            Reset(client);
            Reset(upstream);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        var source = from.GetStream();
        var target = to.GetStream();
        while (true)
        {
            var read = await source.ReadAsync(buffer, _stop.Token);
            if (read == 0) return;
            // Hanging: what was sent is swallowed and the connection stays open until Restore resets it.
            while (_hanging) await Task.Delay(20, _stop.Token);
            if (!_open.ContainsKey(to)) return;
            await target.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    private void ResetAll()
    {
        foreach (var client in _open.Keys) Reset(client);
    }

    private void Reset(TcpClient client)
    {
        if (!_open.TryRemove(client, out _)) return;
        try
        {
            client.Client.LingerState = new LingerOption(true, 0); // RST, like a server that died
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // already closed
        }

        client.Dispose();
    }
}
