namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>What an access token says about its holder.</summary>
public sealed record AccessTokenSubject(Guid UserId, Guid SessionId, long Version, byte[] Salt, IReadOnlyList<string> Roles);
