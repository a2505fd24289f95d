namespace TokenVersioning.Domain.Audit;

public sealed class AuditEvent
{
    public const int ReasonMaxLength = 500;

    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public Guid UserId { get; init; }
    public Guid? ActorId { get; init; }
    public required string Event { get; init; }
    public string? Reason { get; init; }
    public long TokenVersion { get; init; }
}
