using TokenVersioning.Domain.Users;

namespace TokenVersioning.Infrastructure.Accounts;

public sealed record RegisteredUser(Guid Id, string Email, string? DisplayName, DateTimeOffset CreatedAt);

public sealed record CurrentUser(Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, long TokenVersion, DateTimeOffset CreatedAt)
{
    /// <param name="tokenVersion">The caller's verified token version, which is the user's current one.</param>
    public static CurrentUser From(Profile profile, long tokenVersion) =>
        new(profile.Id, profile.Email, profile.DisplayName, profile.Roles, tokenVersion, profile.CreatedAt);
}

public sealed record UserSummary(
    Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, long TokenVersion, bool Disabled, DateTimeOffset CreatedAt)
{
    public static UserSummary From(User u) => new(u.Id, u.Email, u.DisplayName, u.Roles, u.TokenVersion, u.Disabled, u.CreatedAt);
}
