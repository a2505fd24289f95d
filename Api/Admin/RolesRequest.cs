namespace TokenVersioning.Api.Admin;

public sealed record RolesRequest(IReadOnlyList<string>? Roles);
