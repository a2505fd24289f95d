using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenVersioning.Domain.Audit;
using TokenVersioning.Domain.Errors;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Domain.Sessions;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Persistence;
using TokenVersioning.Infrastructure.Telemetry;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>
/// Applies one row of "What revokes what" (docs/design.md): the version rises by one atomic statement, the salt
/// rotates where the rule says, sessions end, the audit trail records it, all in one transaction. Once that
/// commits, the other nodes are told (the fast channel) and this node's inbox has it (<see cref="NodeRevocations.Committed"/>):
/// the user's cached state is dropped, so the very next request re-reads it.
/// </summary>
public sealed class RevocationService(
    AppDbContext db,
    NodeRevocations revocations,
    IRevocationPublisher publisher,
    TokenVersioningMetrics metrics,
    TimeProvider time,
    IOptions<TokenOptions> options)
{
    private readonly TimeSpan _idleTimeout = options.Value.SessionIdleTimeout;

    /// <summary>Applies the request's rule and returns the user as it left them.</summary>
    /// <exception cref="NotFoundException"><c>session_not_found</c>: the rule needs an active target session and it
    /// was not; nothing changed.</exception>
    public Task<RevokedUser> RevokeAsync(RevocationRequest request, CancellationToken ct) =>
        RevokeAsync(request, (user, _) => Task.FromResult(user), ct);

    /// <summary>
    /// Like <see cref="RevokeAsync(RevocationRequest, CancellationToken)"/>, but a target session that is no longer
    /// active is an answer, not an error: for callers where ending an ended session is not the client's mistake.
    /// </summary>
    /// <returns>False when nothing changed because the target session was no longer active.</returns>
    public Task<bool> TryRevokeAsync(RevocationRequest request, CancellationToken ct) => AppliedUnlessAsync<TargetNotActive>(request, ct);

    /// <summary>
    /// Applies the rule unless it would change nothing: disabling a disabled user, enabling an enabled one, or
    /// setting the roles the user already has. Then nothing is written (no bump, no audit entry, no log entry).
    /// </summary>
    /// <returns>False when nothing changed.</returns>
    /// <exception cref="ConflictException"><c>last_admin</c>: the roles would leave no administrator.</exception>
    public Task<bool> ChangeAsync(RevocationRequest request, CancellationToken ct) => AppliedUnlessAsync<NothingToChange>(request, ct);

    /// <summary>Applies the request; false when <typeparamref name="TUnchanged"/> unwound it (nothing was written).</summary>
    private async Task<bool> AppliedUnlessAsync<TUnchanged>(RevocationRequest request, CancellationToken ct)
        where TUnchanged : Exception
    {
        try
        {
            await ApplyAsync(request, (_, _) => Task.FromResult(0), ct);
            return true;
        }
        catch (TUnchanged)
        {
            return false;
        }
    }

    /// <summary>Revokes, then runs <paramref name="alsoInTransaction"/> before the commit.</summary>
    /// <exception cref="NotFoundException"><c>session_not_found</c>: the rule needs an active target session and it
    /// was not; nothing changed.</exception>
    public async Task<T> RevokeAsync<T>(
        RevocationRequest request, Func<RevokedUser, CancellationToken, Task<T>> alsoInTransaction, CancellationToken ct)
    {
        try
        {
            return await ApplyAsync(request, alsoInTransaction, ct);
        }
        catch (TargetNotActive)
        {
            throw NotFoundException.SessionNotFound();
        }
    }

    private async Task<T> ApplyAsync<T>(
        RevocationRequest request, Func<RevokedUser, CancellationToken, Task<T>> alsoInTransaction, CancellationToken ct)
    {
        var rule = RevocationRule.For(request.Event);
        if (rule.EndSessions is SessionScope.Target or SessionScope.AllButTarget && request.SessionId is null)
            throw new ArgumentException($"{request.Event} needs a session id.", nameof(request));
        if (request.NewPasswordHash is not null && request.Event != RevocationEvent.PasswordChanged)
            throw new ArgumentException($"{request.Event} sets no password.", nameof(request));

        using var span = TokenVersioningTraces.Source.StartActivity("revocation");
        span?.SetTag("tokenversioning.event", rule.AuditName);
        RevocationLogEntry? committed = null;
        try
        {
            (var result, committed) = await db.InTransactionAsync(async token =>
            {
                var now = time.GetUtcNow();
                // The user row is always locked first (by the bump), then sessions, then refresh tokens: every
                // writer takes locks in this order, so two revocations can wait on each other but never deadlock.
                var user = await BumpAsync(request, rule, token);
                var ended = await EndSessionsAsync(request, rule, now, token);
                if (rule.RequiresActiveTarget && ended == 0) throw new TargetNotActive();
                if (rule.EndSessions == SessionScope.AllButTarget)
                {
                    await db.Sessions.Where(s => s.Id == request.SessionId && s.UserId == request.UserId)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.Epoch, user.SessionEpoch), token);
                }

                db.AuditEvents.Add(new AuditEvent
                {
                    At = now,
                    UserId = request.UserId,
                    ActorId = request.ActorId,
                    ActorKind = request.Actor,
                    Event = rule.AuditName,
                    Reason = request.Reason,
                    TokenVersion = user.TokenVersion,
                });
                // The record other nodes and services read; committed with the bump or not at all.
                var entry = new RevocationLogEntry
                {
                    UserId = request.UserId,
                    TokenVersion = user.TokenVersion,
                    SessionId = rule.EndedSession(request.SessionId),
                    Event = rule.AuditName,
                    At = now,
                };
                db.RevocationLog.Add(entry);
                await db.SaveChangesAsync(token);

                var value = await alsoInTransaction(user, token);
                if (rule.DeleteUser) await db.Users.Where(u => u.Id == request.UserId).ExecuteDeleteAsync(token);
                return (value, entry);
            }, ct);
            // Committed: the other nodes hear of it now (the fast channel does not hold up this call).
            publisher.Publish(committed);
            span?.SetTag("tokenversioning.token_version", committed.TokenVersion);
            metrics.Revoked(rule.AuditName);
            return result;
        }
        finally
        {
            // Also when the transaction failed: its outcome may be unknown, and a re-read is always safe.
            revocations.Committed(request.UserId, committed);
        }
    }

    /// <summary>Unwinds the transaction when the target session is no longer active: the bump is undone, nothing changed.</summary>
    private sealed class TargetNotActive : Exception;

    /// <summary>Unwinds the transaction when the event would change nothing (see <see cref="ChangeAsync"/>).</summary>
    private sealed class NothingToChange : Exception;

    private async Task<RevokedUser> BumpAsync(RevocationRequest request, RevocationRule rule, CancellationToken ct)
    {
        var userId = request.UserId;
        var roles = request.Roles is null ? null : await CheckRolesAsync(request.UserId, request.Roles, ct);
        var salt = rule.RotateSalt ? RandomNumberGenerator.GetBytes(User.SaltLength) : null;
        var target = db.Users.Where(u => u.Id == userId);
        // Disabling and enabling only when the flag changes: the condition is part of the one statement that decides.
        if (rule.SetDisabled is { } flag) target = target.Where(u => u.Disabled != flag);
        var updated = await target.ExecuteUpdateAsync(s =>
        {
            if (rule.RaiseVersion) s.SetProperty(u => u.TokenVersion, u => u.TokenVersion + 1);
            else s.SetProperty(u => u.TokenVersion, u => u.TokenVersion); // still the statement that locks the row
            if (salt is not null)
            {
                s.SetProperty(u => u.SecuritySalt, salt);
                s.SetProperty(u => u.SessionEpoch, u => u.SessionEpoch + 1);
            }

            if (rule.SetDisabled is { } disabled) s.SetProperty(u => u.Disabled, disabled);
            if (roles is not null) s.SetProperty(u => u.Roles, roles);
            if (request.NewPasswordHash is { } hash) s.SetProperty(u => u.PasswordHash, hash);
        }, ct);
        if (updated == 0)
        {
            if (rule.SetDisabled is not null && await db.Users.AnyAsync(u => u.Id == userId, ct)) throw new NothingToChange();
            throw NotFoundException.UserNotFound();
        }

        // Read back inside the transaction: the row stays locked until commit, so this is our own increment.
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new RevokedUser(u.Id, u.TokenVersion, u.SessionEpoch, u.SecuritySalt, u.Roles))
            .SingleAsync(ct);
    }

    /// <summary>
    /// The roles to write, or <see cref="NothingToChange"/> when the user has them already. Removing the admin role
    /// first locks every administrator's row, so that two admins removing each other's role one after the other
    /// see each other's change: the second is refused with <c>last_admin</c>.
    /// </summary>
    private async Task<List<string>> CheckRolesAsync(Guid userId, IReadOnlyList<string> wanted, CancellationToken ct)
    {
        var roles = wanted.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Roles).SingleOrDefaultAsync(ct)
                      ?? throw NotFoundException.UserNotFound();
        if (current.Order(StringComparer.Ordinal).SequenceEqual(roles, StringComparer.Ordinal)) throw new NothingToChange();
        if (!current.Contains(Role.Admin) || roles.Contains(Role.Admin)) return roles;

        await db.Users.Where(u => u.Roles.Contains(Role.Admin))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TokenVersion, u => u.TokenVersion), ct);
        var otherAdmins = await db.Users.CountAsync(u => u.Id != userId && u.Roles.Contains(Role.Admin) && !u.Disabled, ct);
        if (otherAdmins == 0) throw new ConflictException("last_admin", "This is the last enabled administrator; make another user an admin first.");
        return roles;
    }

    private Task<int> EndSessionsAsync(RevocationRequest request, RevocationRule rule, DateTimeOffset now, CancellationToken ct)
    {
        if (rule.EndSessions == SessionScope.None) return Task.FromResult(0);
        var sessions = db.Sessions.Where(s => s.UserId == request.UserId && s.EndedAt == null);
        sessions = rule.EndSessions switch
        {
            SessionScope.Target when rule.RequiresActiveTarget =>
                sessions.Where(s => s.Id == request.SessionId).Where(Session.ActiveAt(now, _idleTimeout)),
            SessionScope.Target => sessions.Where(s => s.Id == request.SessionId),
            SessionScope.AllButTarget => sessions.Where(s => s.Id != request.SessionId),
            _ => sessions,
        };
        return sessions.ExecuteUpdateAsync(s => s
            .SetProperty(x => x.EndedAt, now)
            .SetProperty(x => x.EndReason, rule.AuditName), ct);
    }
}
