using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenVersioning.Domain.Errors;
using TokenVersioning.Domain.SignIn;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Infrastructure.Accounts;

/// <summary>
/// Sign-in protection without lock-out (docs/design.md, "At the edge"). Each attempt is charged to a counter in
/// the database before its password is checked, by a compare-and-swap on the row, so that concurrent attempts on
/// any number of nodes cannot check more passwords than the rule allows; a success refunds it. An address that
/// signed in to the account before is charged to a counter of its own: an attacker elsewhere cannot make the real
/// user wait. Unknown emails are counted exactly like known ones, so the answers and their timing say nothing.
/// </summary>
public sealed class SignInGuard(AppDbContext db, TimeProvider time, IOptions<SignInOptions> options)
{
    private const int MaxSwapAttempts = 8;

    /// <summary>Charges one attempt, or throws <see cref="TooManyAttemptsException"/> with the wait.</summary>
    public async Task<SignInCharge> ChargeAsync(string normalizedEmail, string address, CancellationToken ct)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (!settings.Enabled) return new SignInCharge(normalizedEmail, address, Known: false, Enabled: false, Key: "");

        var addressKey = SignInCounter.AddressKey(normalizedEmail, address);
        var known = await db.Set<SignInCounter>().AsNoTracking()
            .AnyAsync(c => c.Key == addressKey && c.LastSuccessAt >= now - settings.KnownDeviceWindow, ct);
        var key = known ? addressKey : SignInCounter.AccountKey(normalizedEmail);
        var free = known ? settings.KnownDeviceFreeFailures : settings.FreeFailures;

        for (var attempt = 0; attempt < MaxSwapAttempts; attempt++)
        {
            var counter = await db.Set<SignInCounter>().AsNoTracking().SingleOrDefaultAsync(c => c.Key == key, ct);
            // The time after the read: a concurrent attempt that set the wait read its clock before this did.
            now = time.GetUtcNow();
            if (counter is null)
            {
                if (await TryInsertAsync(new SignInCounter
                    {
                        Key = key, NormalizedEmail = normalizedEmail, Failures = 1, LastFailureAt = now,
                        BlockedUntil = BlockedUntil(1, free, now),
                    }, ct))
                    return new SignInCharge(normalizedEmail, address, known, Enabled: true, key);
                continue;
            }

            var failures = SignInRule.CurrentFailures(counter, now, settings.FailureWindow);
            if (failures > 0 && counter.BlockedUntil > now) throw new TooManyAttemptsException(counter.BlockedUntil.Value - now);

            var charged = failures + 1;
            var blockedUntil = BlockedUntil(charged, free, now);
            var swapped = await db.Set<SignInCounter>()
                .Where(c => c.Key == key && c.Failures == counter.Failures && c.LastFailureAt == counter.LastFailureAt)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Failures, charged)
                    .SetProperty(c => c.LastFailureAt, now)
                    .SetProperty(c => c.BlockedUntil, blockedUntil), ct);
            if (swapped == 1) return new SignInCharge(normalizedEmail, address, known, Enabled: true, key);
        }

        // Lost every race to concurrent attempts on this account: it is under a burst; this one waits.
        throw new TooManyAttemptsException(settings.BaseDelay);
    }

    /// <summary>The password was right: the attempt is refunded, and the address becomes (or stays) known.</summary>
    public async Task SucceededAsync(SignInCharge charge, CancellationToken ct)
    {
        if (!charge.Enabled) return;
        var now = time.GetUtcNow();
        var addressKey = SignInCounter.AddressKey(charge.NormalizedEmail, charge.Address);
        var updated = await db.Set<SignInCounter>().Where(c => c.Key == addressKey).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Failures, 0)
            .SetProperty(c => c.BlockedUntil, (DateTimeOffset?)null)
            .SetProperty(c => c.LastSuccessAt, now), ct);
        if (updated == 0)
        {
            await TryInsertAsync(new SignInCounter
            {
                Key = addressKey, NormalizedEmail = charge.NormalizedEmail, LastFailureAt = now, LastSuccessAt = now,
            }, ct);
        }

        // Only a success from an address that is not known clears the account's counter: the known address was
        // charged on its own counter, and its owner signing in must not give an attacker a fresh budget.
        if (!charge.Known)
        {
            var accountKey = SignInCounter.AccountKey(charge.NormalizedEmail);
            await db.Set<SignInCounter>().Where(c => c.Key == accountKey).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Failures, 0)
                .SetProperty(c => c.BlockedUntil, (DateTimeOffset?)null), ct);
        }
    }

    /// <summary>
    /// There is no such account: the failure was charged already, and its counter now records when it was
    /// established. It is the unknown email's one write after the check, one statement as a known account's
    /// <c>login_failed</c> audit row is, so the time of the answer does not say whether the account exists. A
    /// concurrent attempt that read the counter before this retries its compare-and-swap.
    /// </summary>
    public async Task FailedAsync(SignInCharge charge, CancellationToken ct)
    {
        if (!charge.Enabled) return;
        var now = time.GetUtcNow();
        await db.Set<SignInCounter>().Where(c => c.Key == charge.Key && c.LastFailureAt < now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastFailureAt, now), ct);
    }

    /// <summary>Clears every counter of the account (known addresses stay known); true when there was any failure to clear.</summary>
    public async Task<bool> UnlockAsync(string normalizedEmail, CancellationToken ct) =>
        await db.Set<SignInCounter>().Where(c => c.NormalizedEmail == normalizedEmail && (c.Failures > 0 || c.BlockedUntil != null))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Failures, 0).SetProperty(c => c.BlockedUntil, (DateTimeOffset?)null), ct) > 0;

    private DateTimeOffset? BlockedUntil(int failures, int free, DateTimeOffset now)
    {
        var settings = options.Value;
        var delay = SignInRule.DelayAfter(failures, free, settings.BaseDelay, settings.MaxDelay);
        return delay > TimeSpan.Zero ? now + delay : null;
    }

    /// <summary>Inserts a new counter; false when another attempt inserted it first (the caller reads it again).</summary>
    private async Task<bool> TryInsertAsync(SignInCounter counter, CancellationToken ct)
    {
        db.Add(counter);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (!DatabaseUnavailableException.Describes(e))
        {
            return false;
        }
        finally
        {
            db.Entry(counter).State = EntityState.Detached;
        }
    }
}

/// <summary>One charged attempt: which counter paid for it (<paramref name="Key"/>; none when the protection is off).</summary>
public sealed record SignInCharge(string NormalizedEmail, string Address, bool Known, bool Enabled, string Key);
