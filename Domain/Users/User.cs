namespace TokenVersioning.Domain.Users;

/// <summary>
/// An account. <see cref="TokenVersion"/> and <see cref="SecuritySalt"/> feed the key that signs the user's
/// access tokens, so changing either invalidates every access token issued before.
/// </summary>
public sealed class User
{
    public const int SaltLength = 32;
    public const int EmailMaxLength = 254;
    public const int DisplayNameMaxLength = 100;

    public Guid Id { get; init; }

    // Email, display name and creation time are set once, when the account is made: the profile cache behind
    // GET /api/users/me relies on it. A route that changes them must also drop that user's cached profile.
    public required string Email { get; init; }
    public required string NormalizedEmail { get; init; }
    public string? DisplayName { get; init; }
    public required string PasswordHash { get; set; }
    public List<string> Roles { get; set; } = [];

    /// <summary>Starts at 1; only ever raised, by one atomic statement per revoking event.</summary>
    public long TokenVersion { get; set; } = 1;

    /// <summary>32 random bytes, never sent to a client; rotated when every session of the user ends.</summary>
    public required byte[] SecuritySalt { get; set; }

    /// <summary>
    /// Raised together with the salt. A session created under an older epoch cannot refresh, which closes the race
    /// of a login that read the user just before a "log out everywhere" committed.
    /// </summary>
    public long SessionEpoch { get; set; } = 1;

    public bool Disabled { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}
