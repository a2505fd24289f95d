namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>
/// The claims of an access token. The reader fills them from a token whose signature is not checked yet;
/// <see cref="AccessTokenValidator"/> hands them out only once every check has passed.
/// </summary>
public sealed class AccessTokenClaims
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

    /// <summary>The token's <c>jti</c>, when the reader was asked to keep it (introspection); otherwise null.</summary>
    public string? JwtId { get; init; }
}
