namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>The claims read from a token before its signature is checked. Nothing here is trusted yet.</summary>
public sealed class UnverifiedToken
{
    public required string KeyId { get; init; }
    public Guid UserId { get; init; }
    public Guid SessionId { get; init; }
    public long Version { get; init; }
    public long IssuedAt { get; init; }
    public long NotBefore { get; init; }
    public long Expires { get; init; }
    public bool IssuerMatches { get; init; }
    public bool AudienceMatches { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
}
