namespace TokenVersioning.Domain.Sessions;

/// <summary>
/// A refresh token as stored: only the SHA-256 hash of the opaque value. Retired tokens are kept so that a
/// replay can be recognised as theft rather than as garbage.
/// </summary>
public sealed class RefreshToken
{
    public const int HashLength = 32;

    public required byte[] Hash { get; init; }
    public Guid SessionId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RetiredAt { get; set; }
}
