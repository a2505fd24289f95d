namespace TokenVersioning.Infrastructure.Admin;

public sealed record VersionView(Guid UserId, long TokenVersion);
