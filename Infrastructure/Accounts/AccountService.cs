using TokenVersioning.Domain.Audit;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenVersioning.Domain.Errors;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Domain.Sessions;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure.Persistence;
using TokenVersioning.Infrastructure.Revocation;
using TokenVersioning.Infrastructure.Sessions;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Infrastructure.Accounts;

public sealed class AccountService(
    AppDbContext db,
    PasswordService passwords,
    SignInGuard signIn,
    SessionService sessions,
    RevocationService revocation,
    TokenPairFactory tokens,
    TimeProvider time,
    IOptions<TokenOptions> options,
    IOptions<SessionOptions> sessionOptions)
{
    public async Task<RegisteredUser> RegisterAsync(string email, string password, string? displayName, CancellationToken ct)
    {
        var user = await CreateUserAsync(email, password, displayName, [Role.User], ct);
        return new RegisteredUser(user.Id, user.Email, user.DisplayName, user.CreatedAt);
    }

    /// <summary>Creates an account; 409 <c>email_taken</c> when the normalized email exists, even under a race.</summary>
    public async Task<User> CreateUserAsync(string email, string password, string? displayName, List<string> roles, CancellationToken ct)
    {
        var user = new User
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Email = email.Trim(),
            NormalizedEmail = User.Normalize(email),
            DisplayName = displayName,
            PasswordHash = "",
            Roles = roles,
            SecuritySalt = RandomNumberGenerator.GetBytes(User.SaltLength),
            CreatedAt = time.GetUtcNow(),
        };
        user.PasswordHash = passwords.Hash(user, password);

        if (await db.Users.AnyAsync(u => u.NormalizedEmail == user.NormalizedEmail, ct)) throw EmailTaken();
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another registration of the same address: the unique index said no.
            db.ChangeTracker.Clear();
            if (await db.Users.AsNoTracking().AnyAsync(u => u.NormalizedEmail == user.NormalizedEmail, ct)) throw EmailTaken();
            throw;
        }

        return user;
    }

    /// <summary>
    /// Signs in from <paramref name="device"/> (the client's address, after the trusted-proxy rule, and its user
    /// agent). The attempt is charged to the sign-in protection before the password is checked, the same way for
    /// an unknown email. Both outcomes for an existing account are audited (<c>login</c>, <c>login_failed</c>, with
    /// the address; never anything of the password). With <paramref name="cookieDelivery"/>, the session's refresh
    /// tokens are for an HttpOnly cookie (the API layer sets it).
    /// </summary>
    public async Task<TokenPair> LoginAsync(
        string email, string password, string? deviceName, ClientDevice device, bool cookieDelivery, CancellationToken ct)
    {
        var normalized = User.Normalize(email);
        var charge = await signIn.ChargeAsync(normalized, device.Address, ct);
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        var check = passwords.Verify(user, password);
        if (user is null || check == PasswordCheck.Failed)
        {
            // Every failure makes one write after the check, a single statement committed on its own (one round
            // trip): a known account's audit row, or for an unknown email the counter's time of the failure. The
            // same answer in the same time, so neither says whether the account exists.
            if (user is not null) await AuditAsync(user, AuditNames.LoginFailed, device, ct);
            else await signIn.FailedAsync(charge, ct);
            throw new AuthenticationFailedException("invalid_credentials", "The email or password is wrong.");
        }

        await signIn.SucceededAsync(charge, ct);

        if (user.Disabled) throw new ForbiddenException("user_disabled", "This account is disabled.");
        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            var rehashed = passwords.Hash(user, password);
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, rehashed), ct);
        }

        if (await MakeRoomAsync(user.Id, ct))
        {
            // The cap ended a session and raised the version: sign with the row as it is now.
            user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == user.Id, ct) ?? throw NotFoundException.UserNotFound();
        }

        // Version, salt and epoch come from the one row read above, so they always belong together.
        var now = time.GetUtcNow();
        var userAgent = DeviceDescription.Clean(device.UserAgent);
        var session = new Session
        {
            Id = Guid.CreateVersion7(now),
            UserId = user.Id,
            DeviceName = deviceName,
            UserAgent = userAgent,
            Device = DeviceDescription.Describe(userAgent),
            CreatedFrom = device.Address,
            CreatedAt = now,
            LastUsedAt = now,
            LastUsedFrom = device.Address,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
            Epoch = user.SessionEpoch,
            CookieDelivery = cookieDelivery,
        };
        db.Sessions.Add(session);
        db.AuditEvents.Add(Audit(user, AuditNames.Login, device, now));
        var pair = tokens.Create(db, new AccessTokenSubject(user.Id, session.Id, user.TokenVersion, user.SecuritySalt, user.Roles), session, now);
        await db.SaveChangesAsync(ct);
        return pair;
    }

    /// <summary>
    /// With <c>Sessions:MaxPerUser</c>, ends the least recently used sessions until a new one fits (each as its own
    /// revocation: that device's tokens fail at once, the others recover with one refresh).
    /// </summary>
    /// <returns>Whether a session was ended (and so the version raised).</returns>
    private async Task<bool> MakeRoomAsync(Guid userId, CancellationToken ct)
    {
        if (sessionOptions.Value.MaxPerUser is not { } cap) return false;
        var active = await db.Sessions.AsNoTracking().Where(s => s.UserId == userId)
            .Where(Session.ActiveAt(time.GetUtcNow(), options.Value.SessionIdleTimeout))
            .OrderBy(s => s.LastUsedAt).ThenBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var ended = false;
        foreach (var sessionId in active.Take(Math.Max(0, active.Count - cap + 1)))
        {
            ended |= await revocation.TryRevokeAsync(new RevocationRequest(userId, RevocationEvent.SessionLimitReached, sessionId,
                Reason: $"Sessions:MaxPerUser is {cap}; the least recently used session made room for a new sign-in."), ct);
        }

        return ended;
    }

    private Task AuditAsync(User user, string name, ClientDevice device, CancellationToken ct)
    {
        db.AuditEvents.Add(Audit(user, name, device, time.GetUtcNow()));
        return db.SaveChangesAsync(ct);
    }

    private static AuditEvent Audit(User user, string name, ClientDevice device, DateTimeOffset now) => new()
    {
        At = now, UserId = user.Id, ActorId = user.Id, ActorKind = AuditActorKind.User, Event = name,
        TokenVersion = user.TokenVersion, From = device.Address,
    };

    public async Task<TokenPair> ChangePasswordAsync(Guid userId, Guid sessionId, string currentPassword, string newPassword, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct)
                   ?? throw NotFoundException.UserNotFound();
        if (passwords.Verify(user, currentPassword) == PasswordCheck.Failed)
            throw new RuleViolationException("invalid_current_password", "The current password is wrong.");

        var newHash = passwords.Hash(user, newPassword);
        var request = new RevocationRequest(userId, RevocationEvent.PasswordChanged, sessionId, ActorId: userId) { NewPasswordHash = newHash };
        return await sessions.RevokeAndReissueAsync(request, sessionId, ct);
    }

    private static ConflictException EmailTaken() => new("email_taken", "An account with this email already exists.");
}
