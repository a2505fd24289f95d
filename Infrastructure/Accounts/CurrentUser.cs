namespace TokenVersioning.Infrastructure.Accounts;

public sealed record CurrentUser(Guid Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, long TokenVersion, DateTimeOffset CreatedAt)
{
    /// <param name="tokenVersion">The caller's verified token version, which is the user's current one.</param>
    /// <param name="roles">The verified token's roles: any change of them raised the version, so they are current.</param>
    public static CurrentUser From(Profile profile, long tokenVersion, IReadOnlyList<string> roles) =>
        new(profile.Id, profile.Email, profile.DisplayName, roles, tokenVersion, profile.CreatedAt);
}
