namespace TokenVersioning.Domain.Revocation;

/// <summary>
/// One revocation, as every node and every other service learns of it: appended in the same transaction as the
/// version bump. <see cref="Sequence"/> grows with each entry, but entries may commit out of its order.
/// </summary>
public sealed class RevocationLogEntry
{
    public long Sequence { get; init; }
    public Guid UserId { get; init; }

    /// <summary>The user's token version after the bump.</summary>
    public long TokenVersion { get; init; }

    public Guid? SessionId { get; init; }
    public required string Event { get; init; }
    public DateTimeOffset At { get; init; }
}
