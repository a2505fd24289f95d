namespace TokenVersioning.Api.Edge;

/// <summary>
/// Section <c>ReverseProxy</c>: the proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed.
/// With none (the default) those headers are ignored, so a client that sends its own cannot choose its address.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>IP addresses (<c>10.0.0.5</c>) and CIDR ranges (<c>10.0.0.0/24</c>) of the proxies in front of this node.</summary>
    public List<string> TrustedProxies { get; set; } = [];
}
