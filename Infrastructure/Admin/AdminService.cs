using Microsoft.EntityFrameworkCore;
using TokenVersioning.Domain.Audit;
using TokenVersioning.Domain.Errors;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure.Accounts;
using TokenVersioning.Infrastructure.Persistence;
using TokenVersioning.Infrastructure.Revocation;
using TokenVersioning.Infrastructure.Sessions;

namespace TokenVersioning.Infrastructure.Admin;

public sealed class AdminService(AppDbContext db, RevocationService revocation, SessionService sessions, SignInGuard signIn, TimeProvider time)
{
    public async Task<Page<UserSummary>> ListUsersAsync(string? email, int page, int pageSize, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(email))
        {
            var normalized = User.Normalize(email);
            users = users.Where(u => u.NormalizedEmail.Contains(normalized));
        }

        var total = await users.CountAsync(ct);
        var items = await users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(ct);
        return new Page<UserSummary>(items.Select(UserSummary.From).ToList(), total);
    }

    public async Task<UserDetail> GetUserAsync(Guid id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        var active = await sessions.ListAsync(id, currentSessionId: null, ct);
        return new UserDetail(user.Id, user.Email, user.DisplayName, user.Roles, user.TokenVersion, user.Disabled, user.CreatedAt, active);
    }

    public async Task<VersionView> RevokeSessionsAsync(Guid id, Guid actorId, string? reason, CancellationToken ct)
    {
        var user = await revocation.RevokeAsync(new RevocationRequest(id, RevocationEvent.AdminRevokeSessions, ActorId: actorId, Reason: reason), ct);
        return new VersionView(id, user.TokenVersion);
    }

    /// <summary>Disables (revoking everything) or enables (revoking nothing); the state it already has changes nothing.</summary>
    public async Task<UserSummary> SetDisabledAsync(Guid id, bool disabled, Guid actorId, string? reason, CancellationToken ct)
    {
        var revocationEvent = disabled ? RevocationEvent.UserDisabled : RevocationEvent.UserEnabled;
        await revocation.ChangeAsync(new RevocationRequest(id, revocationEvent, ActorId: actorId, Reason: reason), ct);
        return UserSummary.From(await FindAsync(id, ct));
    }

    /// <summary>
    /// Sets the user's roles. A change raises the version (no token with a removed role survives; sessions recover
    /// with one refresh and get the new roles); the roles the user has already change nothing.
    /// </summary>
    /// <exception cref="ConflictException"><c>last_admin</c>: no enabled administrator would be left.</exception>
    public async Task<UserSummary> SetRolesAsync(Guid id, IReadOnlyList<string> roles, Guid actorId, CancellationToken ct)
    {
        await revocation.ChangeAsync(new RevocationRequest(id, RevocationEvent.RolesChanged, ActorId: actorId,
            Reason: "Roles: " + string.Join(", ", roles.Distinct().Order(StringComparer.Ordinal)), Roles: roles), ct);
        return UserSummary.From(await FindAsync(id, ct));
    }

    /// <summary>Ends one session of the user (its tokens fail at once; the user's other devices recover with one refresh).</summary>
    /// <exception cref="NotFoundException"><c>user_not_found</c>, or <c>session_not_found</c> when the user has no such active session.</exception>
    public Task EndSessionAsync(Guid id, Guid sessionId, Guid actorId, CancellationToken ct) =>
        revocation.RevokeAsync(new RevocationRequest(id, RevocationEvent.AdminSessionRevoked, sessionId, ActorId: actorId), ct);

    public Task DeleteAsync(Guid id, Guid actorId, CancellationToken ct) =>
        revocation.RevokeAsync(new RevocationRequest(id, RevocationEvent.UserDeleted, ActorId: actorId), ct);

    /// <summary>
    /// Clears the account's sign-in counters (audited as <c>sign_in_unlocked</c>, with the admin as actor). It
    /// revokes nothing. Nothing to clear is not an error: the same 204, no audit entry.
    /// </summary>
    public async Task UnlockAsync(Guid id, Guid actorId, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (!await signIn.UnlockAsync(user.NormalizedEmail, ct)) return;
        db.AuditEvents.Add(new AuditEvent
        {
            At = time.GetUtcNow(), UserId = id, ActorId = actorId, ActorKind = AuditActorKind.User, Event = AuditNames.SignInUnlocked,
            TokenVersion = user.TokenVersion,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<Page<AuditView>> AuditAsync(AuditFilter filter, int page, int pageSize, CancellationToken ct)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (filter.UserId is { } id) events = events.Where(a => a.UserId == id);
        if (filter.ActorId is { } actor) events = events.Where(a => a.ActorId == actor);
        if (!string.IsNullOrEmpty(filter.Event)) events = events.Where(a => a.Event == filter.Event);
        if (filter.From is { } from) events = events.Where(a => a.At >= from);
        if (filter.To is { } to) events = events.Where(a => a.At <= to);
        var total = await events.CountAsync(ct);
        var rows = await events.OrderByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(ct);

        // Names for the page's ids, two small reads: a user's email, an API client's name (gone once deleted).
        var userIds = rows.Select(a => a.UserId).Concat(rows.Where(a => a.ActorKind == AuditActorKind.User).Select(a => a.ActorId!.Value)).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);
        var clientIds = rows.Where(a => a.ActorKind == AuditActorKind.Client).Select(a => a.ActorId!.Value).Distinct().ToList();
        var clients = await db.ApiClients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var items = rows.Select(a => new AuditView(
            a.At, a.UserId, emails.GetValueOrDefault(a.UserId),
            new AuditActor(a.ActorKind.ToString().ToLowerInvariant(), a.ActorId, a.ActorId is not { } actor ? null
                : a.ActorKind == AuditActorKind.Client ? clients.GetValueOrDefault(actor) : emails.GetValueOrDefault(actor)),
            a.Event, a.Reason, a.TokenVersion, a.From)).ToList();
        return new Page<AuditView>(items, total);
    }

    private async Task<User> FindAsync(Guid id, CancellationToken ct) =>
        await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct)
        ?? throw NotFoundException.UserNotFound();
}
