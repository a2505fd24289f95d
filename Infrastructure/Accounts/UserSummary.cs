using TokenVersioning.Domain.Users;

namespace TokenVersioning.Infrastructure.Accounts;

public sealed record UserSummary(
    Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, long TokenVersion, bool Disabled, DateTimeOffset CreatedAt)
{
    public static UserSummary From(User u) => new(u.Id, u.Email, u.DisplayName, u.Roles, u.TokenVersion, u.Disabled, u.CreatedAt);
}
