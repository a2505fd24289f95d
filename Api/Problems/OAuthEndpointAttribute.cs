namespace TokenVersioning.Api.Problems;

/// <summary>Marks the OAuth endpoints, whose malformed requests are answered their RFC's way, not as problems.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class OAuthEndpointAttribute : Attribute
{
    /// <summary>Whether the request was routed to an OAuth endpoint (so a refusal takes their RFC's shape).</summary>
    public static bool IsOn(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<OAuthEndpointAttribute>() is not null;
}
