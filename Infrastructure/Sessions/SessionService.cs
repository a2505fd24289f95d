using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenVersioning.Domain.Errors;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Domain.Sessions;
using TokenVersioning.Infrastructure.Persistence;
using TokenVersioning.Infrastructure.Revocation;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Infrastructure.Sessions;

/// <summary>Refresh-token rotation with reuse detection, and the caller's own sessions.</summary>
public sealed class SessionService(
    AppDbContext db,
    RevocationService revocation,
    TokenPairFactory tokens,
    TimeProvider time,
    IOptions<TokenOptions> options)
{
    private readonly TokenOptions _options = options.Value;

    /// <summary>Rotates the refresh token; <paramref name="device"/> is where it came from (kept as the session's last use).</summary>
    public async Task<TokenPair> RefreshAsync(string presented, ClientDevice device, CancellationToken ct)
    {
        var hash = RefreshTokenValue.TryHash(presented) ?? throw InvalidRefreshToken();
        switch (await db.InTransactionAsync(token => RotateAsync(hash, device, token), ct))
        {
            case Rotation.Rotated rotated:
                return rotated.Pair;
            case Rotation.Replayed replayed:
                // RFC 9700 §4.14: a retired token came back; end the session it belongs to and revoke access tokens.
                await revocation.TryRevokeAsync(
                    new RevocationRequest(replayed.UserId, RevocationEvent.RefreshTokenReused, replayed.SessionId,
                        Reason: "A retired refresh token was presented again."), ct);
                throw new AuthenticationFailedException("refresh_token_reused",
                    "This refresh token was already used; the session has been ended. Sign in again.");
            case Rotation.Refused refused:
                throw InvalidRefreshToken(refused.EndedBy);
            default:
                throw InvalidRefreshToken();
        }
    }

    /// <summary>The user's active sessions, oldest first; <paramref name="currentSessionId"/>, when given, is marked current.</summary>
    public async Task<IReadOnlyList<SessionView>> ListAsync(Guid userId, Guid? currentSessionId, CancellationToken ct)
    {
        return await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId)
            .Where(Session.ActiveAt(time.GetUtcNow(), _options.SessionIdleTimeout))
            .OrderBy(s => s.CreatedAt)
            .Select(s => new SessionView(s.Id, s.DeviceName, s.Device, s.UserAgent, s.CreatedAt, s.CreatedFrom, s.LastUsedAt, s.LastUsedFrom,
                s.ExpiresAt, s.Id == currentSessionId))
            .ToListAsync(ct);
    }

    /// <summary>Ends one of the caller's sessions. Returns a new pair for the caller's session, or null when it ended its own.</summary>
    public async Task<TokenPair?> EndAsync(Guid userId, Guid callerSessionId, Guid sessionId, CancellationToken ct)
    {
        var request = new RevocationRequest(userId, RevocationEvent.SessionRevoked, sessionId, ActorId: userId);
        if (sessionId != callerSessionId) return await RevokeAndReissueAsync(request, callerSessionId, ct);
        await revocation.RevokeAsync(request, ct);
        return null;
    }

    /// <summary>Ends every session of the user but the caller's, which gets a new pair under the new version.</summary>
    public Task<TokenPair> LogoutOthersAsync(Guid userId, Guid callerSessionId, CancellationToken ct) =>
        RevokeAndReissueAsync(new RevocationRequest(userId, RevocationEvent.LogoutOthers, callerSessionId, ActorId: userId), callerSessionId, ct);

    /// <summary>
    /// Revokes, and in the same transaction gives the session that stays signed in (<paramref name="keptSessionId"/>)
    /// a new pair under the user's new version, retiring its refresh tokens: the caller's own device goes on
    /// without signing in again.
    /// </summary>
    public Task<TokenPair> RevokeAndReissueAsync(RevocationRequest request, Guid keptSessionId, CancellationToken ct) =>
        revocation.RevokeAsync(request, (user, token) => ReissueAsync(user, keptSessionId, token), ct);

    private async Task<TokenPair> ReissueAsync(RevokedUser user, Guid sessionId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await db.RefreshTokens.Where(t => t.SessionId == sessionId && t.RetiredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RetiredAt, now), ct);
        var session = await db.Sessions.SingleAsync(s => s.Id == sessionId && s.UserId == user.Id, ct);
        session.LastUsedAt = now;
        var pair = tokens.Create(db, user.SubjectFor(sessionId), session, now);
        await db.SaveChangesAsync(ct);
        return pair;
    }

    /// <summary>What presenting a refresh token came to.</summary>
    private abstract record Rotation
    {
        /// <summary>The token was current (or a twin inside the reuse grace): a new pair for its session.</summary>
        public sealed record Rotated(TokenPair Pair) : Rotation;

        /// <summary>A retired token came back after the grace: taken as theft, its session must end.</summary>
        public sealed record Replayed(Guid UserId, Guid SessionId) : Rotation;

        /// <summary>Unknown, expired, or of a session that has ended (<paramref name="EndedBy"/> says by what): nothing to do.</summary>
        public sealed record Refused(string? EndedBy = null) : Rotation;
    }

    private async Task<Rotation> RotateAsync(byte[] hash, ClientDevice device, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var found = await PresentedRefreshToken.Find(db, hash).AsNoTracking().SingleOrDefaultAsync(ct);
        if (found is null) return new Rotation.Refused();

        var (session, user) = (found.Session, found.User);
        if (!found.IsRefreshableAt(now, _options.SessionIdleTimeout))
            return new Rotation.Refused(session.EndReason ?? (user.Disabled ? "user_disabled" : "expired"));

        // Lock the session row before any refresh-token row, the order every revocation uses too. Under the lock
        // the session must still be open: a revocation that committed since the read above has ended it. The last
        // use is written at most once a minute (the statement still locks the row when it writes nothing new).
        var lastUseDue = now - Session.LastUseResolution;
        var open = await db.Sessions.Where(s => s.Id == session.Id && s.EndedAt == null && s.Epoch == user.SessionEpoch)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.LastUsedAt, x => x.LastUsedAt <= lastUseDue ? now : x.LastUsedAt)
                .SetProperty(x => x.LastUsedFrom, x => x.LastUsedAt <= lastUseDue ? device.Address : x.LastUsedFrom), ct) == 1;
        if (!open) return new Rotation.Refused();

        var retiredAt = found.RetiredAt;
        if (retiredAt is null)
        {
            // One statement decides which of two racing refreshes rotated the token.
            var won = await db.RefreshTokens.Where(t => t.Hash == hash && t.RetiredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RetiredAt, now), ct) == 1;
            if (!won) retiredAt = await db.RefreshTokens.Where(t => t.Hash == hash).Select(t => t.RetiredAt).SingleAsync(ct);
        }

        if (RefreshToken.IsReplayAt(retiredAt, now, _options.RefreshReuseGrace)) return new Rotation.Replayed(user.Id, session.Id);

        var subject = new AccessTokenSubject(user.Id, session.Id, user.TokenVersion, user.SecuritySalt, user.Roles);
        var pair = tokens.Create(db, subject, session, now);
        await db.SaveChangesAsync(ct);
        return new Rotation.Rotated(pair);
    }

    private static AuthenticationFailedException InvalidRefreshToken(string? endedBy = null) =>
        new("refresh_token_invalid", "The refresh token is unknown, expired or belongs to an ended session.") { EndedBy = endedBy };
}
