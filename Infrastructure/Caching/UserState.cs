using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Infrastructure.Caching;

/// <summary>
/// What the hot path needs to know of one user: the current version, the status, the salt, and the key derived
/// for the active master key (so no request derives one). Version, status, salt and key never change: any change
/// of them is a new object. The one mutable part is a memo of the last token verified under exactly this state.
/// Salt and key live inline, since one state lives in memory per active user.
/// </summary>
public sealed class UserState
{
    private readonly Bytes32 _salt;
    private readonly Bytes32 _activeKey;
    private byte[]? _verified;

    private UserState(Guid userId, long version, UserStatus status, long loadedAt, ReadOnlySpan<byte> salt = default, SigningKeyRing? keys = null)
    {
        UserId = userId;
        Version = version;
        Status = status;
        LoadedAt = loadedAt;
        LastUsed = loadedAt;
        if (keys is null) return;
        salt.CopyTo(_salt);
        keys.DeriveUserKey(keys.ActiveKeyId, salt, userId, version, _activeKey);
    }

    public Guid UserId { get; }
    public long Version { get; }
    public UserStatus Status { get; }

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the database read this state came from.</summary>
    public long LoadedAt { get; }

    /// <summary>Timestamp of the last request that used this state: the cache evicts the least recently used first.</summary>
    internal long LastUsed { get; set; }

    /// <summary>The share of the maximum entry age this state may be used for, drawn at random in [0.75, 1).</summary>
    public float LifetimeFraction { get; } = 0.75f + (Random.Shared.NextSingle() / 4);

    public static UserState Missing(Guid userId, long loadedAt) => new(userId, 0, UserStatus.Missing, loadedAt);

    public static UserState Create(Guid userId, long version, bool disabled, ReadOnlySpan<byte> salt, SigningKeyRing keys, long loadedAt)
    {
        if (salt.Length != Bytes32.Length) throw new ArgumentException($"A salt is {Bytes32.Length} bytes.", nameof(salt));
        return new UserState(userId, version, disabled ? UserStatus.Disabled : UserStatus.Active, loadedAt, salt, keys);
    }

    /// <summary>The verification key for a token signed under <paramref name="keyId"/>; derived only for a non-active key.</summary>
    public byte[] KeyFor(string keyId, SigningKeyRing keys)
    {
        if (Status == UserStatus.Missing) throw new InvalidOperationException("A missing user has no key.");
        return keyId == keys.ActiveKeyId ? ((ReadOnlySpan<byte>)_activeKey).ToArray() : keys.DeriveUserKey(keyId, _salt, UserId, Version);
    }

    /// <summary>
    /// Whether jose-jwt already verified this exact token text under this state. Version, salt and keys of a state
    /// never change, so that verdict still holds.
    /// </summary>
    public bool WasVerified(ReadOnlySpan<char> token)
    {
        if (Volatile.Read(ref _verified) is not { } verified) return false;
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Fingerprint(token, hash);
        return CryptographicOperations.FixedTimeEquals(hash, verified);
    }

    public void RememberVerified(ReadOnlySpan<char> token)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        Fingerprint(token, hash);
        Volatile.Write(ref _verified, hash);
    }

    /// <summary>SHA-256 of a token's text: a byte-identical token, and nothing else, has the same one.</summary>
    private static void Fingerprint(ReadOnlySpan<char> token, Span<byte> hash)
    {
        // Tokens reach here only after the reader accepted them: ASCII, at most Tokens:MaxTokenLength long.
        var bytes = token.Length <= 4096 ? stackalloc byte[token.Length] : new byte[token.Length];
        Encoding.ASCII.GetBytes(token, bytes);
        SHA256.HashData(bytes, hash);
    }

    [InlineArray(Length)]
    private struct Bytes32
    {
        public const int Length = 32;
        private byte _first;
    }
}
