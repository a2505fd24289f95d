namespace TokenVersioning.Infrastructure.Accounts;

public sealed record CurrentUser(Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, long TokenVersion, DateTimeOffset CreatedAt)
{
    /// <param name="tokenVersion">The caller's verified token version, which is the user's current one.</param>
    public static CurrentUser From(Profile profile, long tokenVersion) =>
        new(profile.Id, profile.Email, profile.DisplayName, profile.Roles, tokenVersion, profile.CreatedAt);
}
