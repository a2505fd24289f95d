using System.Text.Json.Serialization;

namespace TokenVersioning.Infrastructure.Clients;

/// <summary>An RFC 7662 answer: exactly <c>{"active":false}</c> for anything but an active token.</summary>
public sealed record IntrospectionAnswer
{
    public static readonly IntrospectionAnswer Inactive = new() { Active = false };

    [JsonPropertyName("active")] public required bool Active { get; init; }
    [JsonPropertyName("token_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TokenType { get; init; }
    [JsonPropertyName("sub"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Subject { get; init; }
    [JsonPropertyName("sid"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SessionId { get; init; }
    [JsonPropertyName("ver"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Version { get; init; }
    [JsonPropertyName("iss"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Issuer { get; init; }
    [JsonPropertyName("aud"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Audience { get; init; }
    [JsonPropertyName("exp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? Expires { get; init; }
    [JsonPropertyName("iat"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? IssuedAt { get; init; }
    [JsonPropertyName("nbf"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? NotBefore { get; init; }
    [JsonPropertyName("jti"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? JwtId { get; init; }
    [JsonPropertyName("role"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public object? Role { get; init; }
    [JsonPropertyName("client_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ClientId { get; init; }
}
