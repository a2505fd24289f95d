using System.Text.Json.Serialization;

namespace TokenVersioning.Api.Clients;

/// <summary>RFC 8414 metadata: where a standard OAuth client finds introspection and revocation, and how to authenticate there.</summary>
public sealed record AuthorizationServerMetadata(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("introspection_endpoint")] string IntrospectionEndpoint,
    [property: JsonPropertyName("introspection_endpoint_auth_methods_supported")] IReadOnlyList<string> IntrospectionAuthMethods,
    [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
    [property: JsonPropertyName("revocation_endpoint_auth_methods_supported")] IReadOnlyList<string> RevocationAuthMethods,
    [property: JsonPropertyName("tokenversioning_revocation_events_endpoint")] string RevocationEventsEndpoint,
    [property: JsonPropertyName("tokenversioning_verify_endpoint")] string VerifyEndpoint);
