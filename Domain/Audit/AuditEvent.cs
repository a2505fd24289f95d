namespace TokenVersioning.Domain.Audit;

public sealed class AuditEvent
{
    public const int ReasonMaxLength = 500;

    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public Guid UserId { get; init; }
    public Guid? ActorId { get; init; }

    /// <summary>Who <see cref="ActorId"/> is: a user (the account itself or an administrator), an API client, or the service.</summary>
    public AuditActorKind ActorKind { get; init; }

    public required string Event { get; init; }
    public string? Reason { get; init; }
    public long TokenVersion { get; init; }

    /// <summary>The client address the action came from (after the trusted-proxy rule), where one is known.</summary>
    public string? From { get; init; }
}
