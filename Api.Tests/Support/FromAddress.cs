using System.Net;
using System.Net.Sockets;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>An HTTP client whose connections leave from a given loopback address (all of 127.0.0.0/8 is local): one distinct client per address.</summary>
public static class FromAddress
{
    public static HttpClient Client(string address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}
