using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using TokenVersioning.Domain.Errors;

namespace TokenVersioning.Infrastructure.Accounts;

/// <summary>
/// Per-account brute-force brake. Only failures use up permits, so a user signing in from several devices
/// never meets it, while guessing at one account from many addresses does.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _failures;
    private readonly TimeSpan _window;

    public LoginThrottle(IOptions<LoginThrottleOptions> options)
    {
        var value = options.Value;
        _window = value.LoginFailureWindow;
        if (!value.Enabled) return;
        _failures = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(
            account,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = value.LoginFailuresPerAccount,
                Window = value.LoginFailureWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public void ThrowIfLocked(string normalizedEmail)
    {
        if (_failures is null) return;
        using var lease = _failures.AttemptAcquire(normalizedEmail, permitCount: 0);
        if (lease.IsAcquired) return;
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : _window;
        throw new TooManyAttemptsException(retryAfter);
    }

    public void RecordFailure(string normalizedEmail)
    {
        using var lease = _failures?.AttemptAcquire(normalizedEmail);
    }

    public void Dispose() => _failures?.Dispose();
}
