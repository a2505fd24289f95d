using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TokenVersioning.Api.Tests.Support;

public static class AddressedClients
{
    /// <summary>A client of the in-process host whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient From(this WebApplicationFactory<Program> factory, string address)
    {
        var handler = factory.Server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(address));
        return new HttpClient(handler) { BaseAddress = factory.Server.BaseAddress };
    }
}
