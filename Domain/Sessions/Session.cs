using System.Linq.Expressions;

namespace TokenVersioning.Domain.Sessions;

/// <summary>One signed-in device. Its refresh tokens rotate; the session id stays.</summary>
public sealed class Session
{
    public const int DeviceNameMaxLength = 100;
    public const int UserAgentMaxLength = 512;
    public const int AddressMaxLength = 64;

    /// <summary>The last use (a login or a refresh) is written at most this often.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public string? DeviceName { get; init; }

    /// <summary>The <c>User-Agent</c> the session was created with (cleaned: printable characters only, cut to a maximum).</summary>
    public string? UserAgent { get; init; }

    /// <summary>A short description derived from <see cref="UserAgent"/>: browser and operating system.</summary>
    public string? Device { get; init; }

    /// <summary>The client address the session was created from.</summary>
    public string? CreatedFrom { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUsedAt { get; set; }

    /// <summary>The client address of the last use.</summary>
    public string? LastUsedFrom { get; set; }

    /// <summary>The session's refresh tokens go to a browser in an HttpOnly cookie, never in a JSON body.</summary>
    public bool CookieDelivery { get; init; }

    /// <summary>Absolute end of the session: login time plus the refresh-token lifetime.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }
    public string? EndReason { get; set; }

    /// <summary>The user's <c>SessionEpoch</c> this session belongs to.</summary>
    public long Epoch { get; set; }

    /// <summary>
    /// The one rule of an active session: not ended, before its absolute end, and used within the idle timeout.
    /// Written once, used in memory (<see cref="IsActiveAt"/>) and in queries (<see cref="ActiveAt"/>).
    /// </summary>
    private static readonly Expression<Func<Session, DateTimeOffset, DateTimeOffset, bool>> Rule =
        (s, now, idleSince) => s.EndedAt == null && s.ExpiresAt > now && s.LastUsedAt > idleSince;

    private static readonly Func<Session, DateTimeOffset, DateTimeOffset, bool> CompiledRule = Rule.Compile();

    public bool IsActiveAt(DateTimeOffset now, TimeSpan idleTimeout) => CompiledRule(this, now, now - idleTimeout);

    /// <summary>When the session stops working if nothing uses it: the earlier of its end and its last use plus the idle timeout.</summary>
    public DateTimeOffset EndsBy(TimeSpan idleTimeout) => LastUsedAt + idleTimeout < ExpiresAt ? LastUsedAt + idleTimeout : ExpiresAt;

    /// <summary>
    /// The one rule for honouring a refresh token of this session: the session is active, it belongs to the user's
    /// current session epoch, and the user is not disabled.
    /// </summary>
    public bool IsRefreshableAt(DateTimeOffset now, TimeSpan idleTimeout, long userEpoch, bool userDisabled) =>
        !userDisabled && Epoch == userEpoch && IsActiveAt(now, idleTimeout);

    /// <summary>The rule as a filter a query provider can translate, with the times as query parameters.</summary>
    public static Expression<Func<Session, bool>> ActiveAt(DateTimeOffset now, TimeSpan idleTimeout)
    {
        var times = new ActiveAtTimes(now, now - idleTimeout);
        var body = new Bind(Rule.Parameters[1], Expression.Property(Expression.Constant(times), nameof(ActiveAtTimes.Now)),
                Rule.Parameters[2], Expression.Property(Expression.Constant(times), nameof(ActiveAtTimes.IdleSince)))
            .Visit(Rule.Body);
        return Expression.Lambda<Func<Session, bool>>(body, Rule.Parameters[0]);
    }

    private sealed record ActiveAtTimes(DateTimeOffset Now, DateTimeOffset IdleSince);

    /// <summary>Replaces the rule's time parameters by the given values.</summary>
    private sealed class Bind(ParameterExpression now, Expression nowValue, ParameterExpression idleSince, Expression idleSinceValue)
        : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == now ? nowValue : node == idleSince ? idleSinceValue : node;
    }
}
