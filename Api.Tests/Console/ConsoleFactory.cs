using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Console;

/// <summary>The service on a real loopback port (Kestrel), for a real browser; still on the fake clock.</summary>
public sealed class ConsoleFactory : ApiFactory
{
    public ConsoleFactory() => UseKestrel(0);

    /// <summary>Where the browser reaches the service: <c>localhost</c>, a secure context for the Secure cookie.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The same service under another site's name (127.0.0.1 is not the same site as localhost).</summary>
    public Uri OtherSiteAddress => new($"http://127.0.0.1:{Address.Port}");

    protected override void Start()
    {
        StartServer();
        var bound = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri($"http://localhost:{new Uri(bound).Port}");
    }
}
