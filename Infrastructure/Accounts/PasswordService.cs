using Microsoft.AspNetCore.Identity;
using TokenVersioning.Domain.Users;

namespace TokenVersioning.Infrastructure.Accounts;

/// <summary>
/// <see cref="PasswordHasher{TUser}"/> with one addition: an unknown account still costs one full hash, so a
/// login for an unknown email takes as long as one with a wrong password.
/// </summary>
public sealed class PasswordService
{
    private static readonly User Nobody = new()
    {
        Email = "",
        NormalizedEmail = "",
        PasswordHash = "",
        SecuritySalt = new byte[User.SaltLength],
    };

    private readonly IPasswordHasher<User> _hasher;
    private readonly Lazy<string> _dummyHash;

    public PasswordService(IPasswordHasher<User> hasher)
    {
        _hasher = hasher;
        _dummyHash = new Lazy<string>(() => hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));
    }

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    public PasswordCheck Verify(User? user, string password)
    {
        if (user is null)
        {
            _hasher.VerifyHashedPassword(Nobody, _dummyHash.Value, password);
            return PasswordCheck.Failed;
        }

        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password) switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Success,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
            _ => PasswordCheck.Failed,
        };
    }
}
