namespace TokenVersioning.Api.Edge;

/// <summary>The client's address as every per-client rule sees it: the connection's, or a trusted proxy's X-Forwarded-For.</summary>
internal static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return Unknown;
        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }
}
