using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TokenVersioning.Domain.Users;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>
/// The real hasher, with a hook to hold one verification open. A login verifies the password after reading the
/// user and before creating its session, so holding it opens exactly the window a concurrent revocation races.
/// </summary>
public sealed class GatedPasswordHasher(IOptions<PasswordHasherOptions> options) : IPasswordHasher<User>
{
    private readonly PasswordHasher<User> _inner = new(options);
    private Hold? _hold;
    private int _verifications;

    /// <summary>Passwords checked so far (each costs a full hash: what an attacker is after).</summary>
    public int Verifications => Volatile.Read(ref _verifications);

    public Hold HoldNextVerify() => _hold = new Hold();

    public string HashPassword(User user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        if (Interlocked.Exchange(ref _hold, null) is { } hold)
        {
            hold.Entered.TrySetResult();
            hold.Released.Task.Wait(TimeSpan.FromSeconds(30));
        }

        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    public sealed class Hold
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }
}
