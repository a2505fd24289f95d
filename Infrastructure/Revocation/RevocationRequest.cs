using TokenVersioning.Domain.Audit;
using TokenVersioning.Domain.Revocation;

namespace TokenVersioning.Infrastructure.Revocation;

/// <param name="ActorKind">Who <paramref name="ActorId"/> is; by default a user when there is an actor, the service when not.</param>
/// <param name="Roles">For <see cref="RevocationEvent.RolesChanged"/>: the roles the user gets.</param>
public sealed record RevocationRequest(
    Guid UserId,
    RevocationEvent Event,
    Guid? SessionId = null,
    Guid? ActorId = null,
    string? Reason = null,
    AuditActorKind? ActorKind = null,
    IReadOnlyList<string>? Roles = null)
{
    public AuditActorKind Actor => ActorKind ?? (ActorId is null ? AuditActorKind.System : AuditActorKind.User);

    /// <summary>
    /// For <see cref="RevocationEvent.PasswordChanged"/>: the new password's hash, written by the statement that
    /// raises the version. Not public, so that the record's printout never shows it.
    /// </summary>
    internal string? NewPasswordHash { get; init; }
}
