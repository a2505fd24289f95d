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

    /// <summary>
    /// The reuse rule: a token retired at <paramref name="retiredAt"/> and presented at <paramref name="now"/> is a
    /// replay (taken as theft) unless it comes back strictly inside <paramref name="grace"/> of its retirement, as
    /// when two tabs refresh at once and the later one deserves a pair of its own. A current token is no replay.
    /// </summary>
    public static bool IsReplayAt(DateTimeOffset? retiredAt, DateTimeOffset now, TimeSpan grace) =>
        retiredAt is { } at && now - at >= grace;
}
