namespace TokenVersioning.Infrastructure.Accounts;

/// <summary>The fields of an account that this API never changes after registration.</summary>
public sealed record Profile(Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);
