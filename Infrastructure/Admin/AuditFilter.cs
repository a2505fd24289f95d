namespace TokenVersioning.Infrastructure.Admin;

/// <summary>What the audit log is filtered by; every part is optional and they combine.</summary>
public sealed record AuditFilter(Guid? UserId, Guid? ActorId, string? Event, DateTimeOffset? From, DateTimeOffset? To);
