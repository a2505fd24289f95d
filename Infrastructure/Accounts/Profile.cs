namespace TokenVersioning.Infrastructure.Accounts;

/// <summary>The fields of an account that this API never changes after registration (roles change: they come from the token).</summary>
public sealed record Profile(Guid Id, string Email, string? DisplayName, DateTimeOffset CreatedAt);
