using TokenVersioning.Domain.Sessions;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Infrastructure.Sessions;

/// <summary>A presented refresh token, found by its hash, with its session and its user: what every use of one reads.</summary>
internal sealed class PresentedRefreshToken
{
    public DateTimeOffset? RetiredAt { get; init; }
    public required Session Session { get; init; }
    public required User User { get; init; }

    /// <summary>Whether its session may be refreshed now (<see cref="Session.IsRefreshableAt"/>, with the user's epoch and flag).</summary>
    public bool IsRefreshableAt(DateTimeOffset now, TimeSpan idleTimeout) =>
        Session.IsRefreshableAt(now, idleTimeout, User.SessionEpoch, User.Disabled);

    /// <summary>The token with this hash (one row, or none), joined to its session and user; compose further filters on it.</summary>
    public static IQueryable<PresentedRefreshToken> Find(AppDbContext db, byte[] hash) =>
        from t in db.RefreshTokens
        join s in db.Sessions on t.SessionId equals s.Id
        join u in db.Users on s.UserId equals u.Id
        where t.Hash == hash
        select new PresentedRefreshToken { RetiredAt = t.RetiredAt, Session = s, User = u };
}
