namespace TokenVersioning.Api.Admin;

public sealed record UserListQuery(string? Email, int Page = 1, int PageSize = 20);
