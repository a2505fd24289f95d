using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Infrastructure.Caching;

public enum UserStatus : byte
{
    Active,
    Disabled,
    /// <summary>No such user (never existed, or deleted).</summary>
    Missing,
}

/// <summary>
/// What the hot path needs to know of one user: the current version, the status, and the key derived for the
/// active master key (so no request derives one). Replaced whole on any change; kept small, since one lives in
/// memory per active user.
/// </summary>
public sealed class UserState
{
    private readonly byte[]? _salt;
    private readonly byte[]? _activeKey;
    private TokenFingerprint? _verified;

    private UserState(Guid userId, long version, UserStatus status, byte[]? salt, byte[]? activeKey, long loadedAt)
    {
        UserId = userId;
        Version = version;
        Status = status;
        _salt = salt;
        _activeKey = activeKey;
        LoadedAt = loadedAt;
    }

    public Guid UserId { get; }
    public long Version { get; }
    public UserStatus Status { get; }

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the database read this state came from.</summary>
    public long LoadedAt { get; }

    /// <summary>The share of the maximum entry age this state may be used for, drawn at random in [0.75, 1).</summary>
    public float LifetimeFraction { get; } = 0.75f + (Random.Shared.NextSingle() / 4);

    public static UserState Missing(Guid userId, long loadedAt) => new(userId, 0, UserStatus.Missing, null, null, loadedAt);

    public static UserState Create(Guid userId, long version, bool disabled, byte[] salt, SigningKeyRing keys, long loadedAt)
    {
        var key = keys.DeriveUserKey(keys.ActiveKeyId, salt, userId, version);
        return new UserState(userId, version, disabled ? UserStatus.Disabled : UserStatus.Active, salt, key, loadedAt);
    }

    /// <summary>The verification key for a token signed under <paramref name="keyId"/>; derived only for a non-active key.</summary>
    public byte[] KeyFor(string keyId, SigningKeyRing keys)
    {
        if (_salt is null || _activeKey is null) throw new InvalidOperationException("A missing user has no key.");
        return keyId == keys.ActiveKeyId ? _activeKey : keys.DeriveUserKey(keyId, _salt, UserId, Version);
    }

    /// <summary>
    /// Whether jose-jwt already verified this exact token under this state. A state never outlives a change of
    /// version, salt or key (any change replaces the object), so the verdict still holds.
    /// </summary>
    public bool WasVerified(ReadOnlySpan<char> token) => _verified is { } verified && verified.Matches(token);

    public void RememberVerified(string token) => _verified = TokenFingerprint.Of(token);

    /// <summary>SHA-256 of a token's text: a byte-identical token, and nothing else, has the same one.</summary>
    private sealed class TokenFingerprint
    {
        private readonly ulong _a, _b, _c, _d;

        private TokenFingerprint(ReadOnlySpan<ulong> hash) => (_a, _b, _c, _d) = (hash[0], hash[1], hash[2], hash[3]);

        public static TokenFingerprint Of(string token)
        {
            Span<ulong> hash = stackalloc ulong[4];
            Hash(token, hash);
            return new TokenFingerprint(hash);
        }

        public bool Matches(ReadOnlySpan<char> token)
        {
            Span<ulong> hash = stackalloc ulong[4];
            Hash(token, hash);
            // Constant time, like any comparison of a secret-derived value.
            return ((hash[0] ^ _a) | (hash[1] ^ _b) | (hash[2] ^ _c) | (hash[3] ^ _d)) == 0;
        }

        private static void Hash(ReadOnlySpan<char> token, Span<ulong> hash)
        {
            byte[]? rented = null;
            var bytes = token.Length <= 4096 ? stackalloc byte[token.Length] : (rented = ArrayPool<byte>.Shared.Rent(token.Length)).AsSpan(0, token.Length);
            try
            {
                Encoding.ASCII.GetBytes(token, bytes);
                SHA256.HashData(bytes, System.Runtime.InteropServices.MemoryMarshal.AsBytes(hash));
            }
            finally
            {
                if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
