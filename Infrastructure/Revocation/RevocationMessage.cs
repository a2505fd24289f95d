using System.Globalization;

namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>
/// What the fast channel carries of one committed revocation: "user:version:commit time:event", with the user id
/// in 32 hex digits, the commit time in Unix milliseconds and the event's audit name (an event this release does
/// not know still moves the cache: the state is dropped and read again).
/// </summary>
public sealed record RevocationMessage(Guid UserId, long Version, DateTimeOffset CommittedAt, string Event)
{
    /// <summary>Longer than any message this service writes; anything longer is not read at all.</summary>
    private const int MaxLength = 200;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{UserId:N}:{Version}:{CommittedAt.ToUnixTimeMilliseconds()}:{Event}");

    /// <summary>Reads a message from the channel, whoever wrote it: never throws, null for anything malformed.</summary>
    public static RevocationMessage? Parse(string? text)
    {
        if (text is null || text.Length > MaxLength) return null;
        var parts = text.Split(':');
        if (parts.Length != 4 || !Guid.TryParseExact(parts[0], "N", out var userId) ||
            !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ||
            !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var millis) ||
            millis > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            return null;
        return new RevocationMessage(userId, version, DateTimeOffset.FromUnixTimeMilliseconds(millis), parts[3]);
    }
}
