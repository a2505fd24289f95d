using Microsoft.Extensions.Options;
using TokenVersioning.Domain.Sessions;
using TokenVersioning.Infrastructure.Persistence;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Infrastructure.Sessions;

/// <summary>Signs an access token and adds a new refresh token for one session; the caller saves.</summary>
public sealed class TokenPairFactory(AccessTokenIssuer issuer, IOptions<TokenOptions> options)
{
    private readonly TimeSpan _idleTimeout = options.Value.SessionIdleTimeout;

    public TokenPair Create(AppDbContext db, AccessTokenSubject subject, Session session, DateTimeOffset now)
    {
        var (refreshToken, hash) = RefreshTokenValue.Create();
        db.RefreshTokens.Add(new RefreshToken { Hash = hash, SessionId = session.Id, CreatedAt = now });
        var access = issuer.Issue(subject);
        var refreshEnds = session.ExpiresAt < now + _idleTimeout ? session.ExpiresAt : now + _idleTimeout;
        return new TokenPair(
            access.Token,
            "Bearer",
            (long)access.Lifetime.TotalSeconds,
            refreshToken,
            Math.Max(0, (long)Math.Round((refreshEnds - now).TotalSeconds)),
            session.Id,
            session.CookieDelivery);
    }
}
