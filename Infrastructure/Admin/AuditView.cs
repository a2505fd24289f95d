namespace TokenVersioning.Infrastructure.Admin;

public sealed record AuditView(DateTimeOffset At, Guid UserId, Guid? ActorId, string Event, string? Reason, long TokenVersion);
