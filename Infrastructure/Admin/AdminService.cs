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

    public async Task<UserSummary> SetDisabledAsync(Guid id, bool disabled, Guid actorId, string? reason, CancellationToken ct)
    {
        var revocationEvent = disabled ? RevocationEvent.UserDisabled : RevocationEvent.UserEnabled;
        await revocation.RevokeAsync(new RevocationRequest(id, revocationEvent, ActorId: actorId, Reason: reason), ct);
        return UserSummary.From(await FindAsync(id, ct));
    }

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
            At = time.GetUtcNow(), UserId = id, ActorId = actorId, Event = "sign_in_unlocked", TokenVersion = user.TokenVersion,
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
        var items = await events.OrderByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new AuditView(a.At, a.UserId, a.ActorId, a.Event, a.Reason, a.TokenVersion))
            .ToListAsync(ct);
        return new Page<AuditView>(items, total);
    }

    private async Task<User> FindAsync(Guid id, CancellationToken ct) =>
        await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct)
        ?? throw NotFoundException.UserNotFound();
}
