namespace TokenVersioning.Domain.SignIn;

/// <summary>
/// Failed sign-ins counted for one account (normalized email, known or not, so that the answers never tell them
/// apart), or for one address that has signed in to that account before. Shared by every node: the database row
/// is the count.
/// </summary>
public sealed class SignInCounter
{
    public const int KeyMaxLength = 320;

    public required string Key { get; init; }
    public required string NormalizedEmail { get; init; }
    public int Failures { get; set; }
    public DateTimeOffset LastFailureAt { get; set; }
    public DateTimeOffset? BlockedUntil { get; set; }

    /// <summary>For an address's counter: when a sign-in from there last succeeded (what makes it known).</summary>
    public DateTimeOffset? LastSuccessAt { get; set; }

    public static string AccountKey(string normalizedEmail) => "account|" + normalizedEmail;

    public static string AddressKey(string normalizedEmail, string address) => $"address|{address}|{normalizedEmail}";
}
