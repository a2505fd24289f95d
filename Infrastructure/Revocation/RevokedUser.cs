using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>The user as the revocation left it, for work that must happen in the same transaction.</summary>
public sealed record RevokedUser(Guid Id, long TokenVersion, long SessionEpoch, byte[] SecuritySalt, List<string> Roles)
{
    public AccessTokenSubject SubjectFor(Guid sessionId) => new(Id, sessionId, TokenVersion, SecuritySalt, Roles);
}
