namespace TokenVersioning.Api.Admin;

public sealed record AuditQuery(Guid? UserId, int Page = 1, int PageSize = 20);
