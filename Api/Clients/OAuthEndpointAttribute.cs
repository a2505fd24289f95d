namespace TokenVersioning.Api.Clients;

/// <summary>Marks the OAuth endpoints, whose malformed requests are answered their RFC's way, not as problems.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class OAuthEndpointAttribute : Attribute;
