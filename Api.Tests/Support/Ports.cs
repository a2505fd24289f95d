using System.Net;
using System.Net.Sockets;

namespace TokenVersioning.Api.Tests.Support;

public static class Ports
{
    // 10000-19999: below the kernel's ephemeral range (32768 and up here), which an outgoing connection could
    // take between this check and the server's bind; and below the 20000 and up that scripts/cluster.sh uses.
    private const int First = 10_000;
    private const int Count = 10_000;

    /// <summary>The one port in that range that Chromium refuses to load a page from (ERR_UNSAFE_PORT).</summary>
    private const int BrowserRefused = 10_080;

    private static int _next = Random.Shared.Next(Count);

    /// <summary>A loopback port nothing listens on right now, and not handed out before by this process.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < Count; attempt++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref _next) % Count);
            if (port == BrowserRefused) continue;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // in use: the next one
            }
        }

        throw new InvalidOperationException($"no free loopback port in {First}-{First + Count - 1}");
    }
}
