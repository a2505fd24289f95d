namespace TokenVersioning.Api.Admin;

public sealed record AuditQuery(Guid? UserId, Guid? ActorId, string? Event, DateTimeOffset? From, DateTimeOffset? To, int Page = 1, int PageSize = 20);
