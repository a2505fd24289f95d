namespace TokenVersioning.Domain.Revocation;

/// <summary>Every event that raises a user's token version (docs/design.md, "What revokes what").</summary>
public enum RevocationEvent
{
    Logout,
    LogoutAll,
    SessionRevoked,
    PasswordChanged,
    RefreshTokenReused,
    AdminRevokeSessions,
    UserDisabled,
    UserEnabled,
    UserDeleted,
    LogoutOthers,
    AdminSessionRevoked,
    RolesChanged,
    SessionLimitReached,
}
