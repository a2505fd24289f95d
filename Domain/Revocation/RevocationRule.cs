namespace TokenVersioning.Domain.Revocation;

/// <summary>
/// What one event of "What revokes what" does. The version rises by one (except when enabling an account, which
/// revokes nothing); the salt (and with it the session epoch) rotates exactly when the event means "every other
/// device must sign in again".
/// </summary>
/// <param name="AuditName">The <c>event</c> written to the audit trail.</param>
/// <param name="RotateSalt">Rotate the salt and raise the session epoch.</param>
/// <param name="EndSessions">Which sessions end.</param>
/// <param name="RequiresActiveTarget">Do nothing unless the target session is still active (so a replayed
/// refresh token, or a session deleted twice, revokes exactly once).</param>
/// <param name="SetDisabled">The account's new disabled flag, when the event changes it.</param>
/// <param name="DeleteUser">Remove the account once the rest is done.</param>
/// <param name="RaiseVersion">Raise the token version. Only enabling does not: no token of a disabled user
/// survived the disable, and an enabled user's tokens must survive a second enable.</param>
public sealed record RevocationRule(
    string AuditName,
    bool RotateSalt,
    SessionScope EndSessions,
    bool RequiresActiveTarget = false,
    bool? SetDisabled = null,
    bool DeleteUser = false,
    bool RaiseVersion = true)
{
    private static readonly Dictionary<string, RevocationRule> ByAuditName =
        Enum.GetValues<RevocationEvent>().Select(For).ToDictionary(rule => rule.AuditName, StringComparer.Ordinal);

    /// <summary>
    /// The rule whose <see cref="AuditName"/> a log entry or a message carries; null for no name, or one this
    /// release does not know.
    /// </summary>
    public static RevocationRule? Named(string? auditName) => auditName is null ? null : ByAuditName.GetValueOrDefault(auditName);

    /// <summary>
    /// The one session the event ended, as the revocation log and the event stream carry it: the target when the
    /// rule ends exactly that session; null when it ends none or several (the caller's session of a logout-all or
    /// a password change is not "the ended one").
    /// </summary>
    public Guid? EndedSession(Guid? target) => EndSessions == SessionScope.Target ? target : null;

    public static RevocationRule For(RevocationEvent revocation) => revocation switch
    {
        RevocationEvent.Logout => new("logout", RotateSalt: false, SessionScope.Target),
        RevocationEvent.LogoutAll => new("logout_all", RotateSalt: true, SessionScope.All),
        RevocationEvent.SessionRevoked => new("session_revoked", RotateSalt: false, SessionScope.Target, RequiresActiveTarget: true),
        RevocationEvent.PasswordChanged => new("password_changed", RotateSalt: true, SessionScope.AllButTarget),
        RevocationEvent.RefreshTokenReused => new("refresh_token_reused", RotateSalt: false, SessionScope.Target, RequiresActiveTarget: true),
        RevocationEvent.AdminRevokeSessions => new("admin_revoke_sessions", RotateSalt: true, SessionScope.All),
        RevocationEvent.UserDisabled => new("user_disabled", RotateSalt: true, SessionScope.All, SetDisabled: true),
        // Enabling revokes nothing: the version stays. A node that holds the user as disabled at that version
        // moves on when it hears of the entry (UserStateCache.Apply orders "enabled" after "disabled").
        RevocationEvent.UserEnabled => new("user_enabled", RotateSalt: false, SessionScope.None, SetDisabled: false, RaiseVersion: false),
        RevocationEvent.UserDeleted => new("user_deleted", RotateSalt: true, SessionScope.All, DeleteUser: true),
        RevocationEvent.LogoutOthers => new("logout_others", RotateSalt: false, SessionScope.AllButTarget),
        RevocationEvent.AdminSessionRevoked => new("admin_session_revoked", RotateSalt: false, SessionScope.Target, RequiresActiveTarget: true),
        // The version rises so that no token carrying a removed role survives; every session recovers with one refresh.
        RevocationEvent.RolesChanged => new("roles_changed", RotateSalt: false, SessionScope.None),
        RevocationEvent.SessionLimitReached => new("session_limit_reached", RotateSalt: false, SessionScope.Target, RequiresActiveTarget: true),
        _ => throw new ArgumentOutOfRangeException(nameof(revocation), revocation, "Unknown revocation event."),
    };
}
