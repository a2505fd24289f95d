using TokenVersioning.Domain.Revocation;

namespace TokenVersioning.Domain.Audit;

/// <summary>Every <c>event</c> an audit entry can carry: the revoking events, and the ones that revoke nothing.</summary>
public static class AuditNames
{
    public const string Login = "login";
    public const string LoginFailed = "login_failed";
    public const string SignInUnlocked = "sign_in_unlocked";
    public const string ClientCreated = "client_created";
    public const string ClientDeleted = "client_deleted";

    public static readonly IReadOnlySet<string> All = new SortedSet<string>(
        Enum.GetValues<RevocationEvent>().Select(e => RevocationRule.For(e).AuditName)
            .Concat([Login, LoginFailed, SignInUnlocked, ClientCreated, ClientDeleted]),
        StringComparer.Ordinal);
}
