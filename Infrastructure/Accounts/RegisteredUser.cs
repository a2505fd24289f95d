namespace TokenVersioning.Infrastructure.Accounts;

public sealed record RegisteredUser(Guid Id, string Email, string? DisplayName, DateTimeOffset CreatedAt);
