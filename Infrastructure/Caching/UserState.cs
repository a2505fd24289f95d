using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using TokenVersioning.Domain.Revocation;

namespace TokenVersioning.Infrastructure.Caching;

/// <summary>
/// What the hot path needs to know of one user: the current version, the status, the salt, and the key derived
/// for the active master key (so no request derives one). Version, status, salt and key never change: any change
/// of them is a new object. The mutable parts: when the database last showed this state (<see cref="ReadAt"/>), when
/// a request last used it, and a memo of the last token verified under exactly this state.
/// Salt and key live inline, since one state lives in memory per active user.
/// </summary>
public sealed class UserState
{
    private readonly Bytes32 _salt;
    private readonly Bytes32 _activeKey;

    // The memo: SHA-256 of the last token text jose-jwt verified under this state, guarded by a sequence stamp
    // (0: none yet; odd: being written; even: stable) so that a reader never trusts a half-written hash.
    private TokenFingerprint _verified;
    private int _verifiedStamp;
    private long _readAt;

    private UserState(Guid userId, long version, UserStatus status, long loadedAt, ReadOnlySpan<byte> salt = default, IUserKeyDerivation? keys = null)
    {
        UserId = userId;
        Version = version;
        Status = status;
        _readAt = loadedAt;
        LastUsed = loadedAt;
        if (keys is null) return;
        salt.CopyTo(_salt);
        keys.DeriveUserKey(keys.ActiveKeyId, salt, userId, version, _activeKey);
    }

    public Guid UserId { get; }
    public long Version { get; }
    public UserStatus Status { get; }

    /// <summary>
    /// Timestamp (<see cref="TimeProvider.GetTimestamp"/>) at which the last database read that found this state
    /// began: the read it came from, or a later check that found the user's row unchanged
    /// (<see cref="UserStateCache.CheckAsync"/>); for a state heard of from another node (<see cref="After"/>), when it was heard.
    /// </summary>
    public long ReadAt => Volatile.Read(ref _readAt);

    /// <summary>Timestamp of the last request that used this state: the cache evicts the least recently used first.</summary>
    internal long LastUsed { get; set; }

    /// <summary>The share of the maximum entry age this state may be used for, drawn at random in [0.75, 1).</summary>
    public float LifetimeFraction { get; } = 0.75f + (Random.Shared.NextSingle() / 4);

    public static UserState Missing(Guid userId, long loadedAt, long version = 0) => new(userId, version, UserStatus.Missing, loadedAt);

    /// <summary>
    /// What a revocation heard of from another node says, without a read: a deleted user is missing, a disabled one
    /// disabled, anyone else superseded (tokens below <paramref name="version"/> are revoked, others need a read).
    /// </summary>
    public static UserState After(RevocationRule rule, Guid userId, long version, long heardAt) => rule switch
    {
        { DeleteUser: true } => Missing(userId, heardAt, version),
        { SetDisabled: true } => new UserState(userId, version, UserStatus.Disabled, heardAt),
        _ => new UserState(userId, version, UserStatus.Superseded, heardAt),
    };

    public static UserState Create(Guid userId, long version, bool disabled, ReadOnlySpan<byte> salt, IUserKeyDerivation keys, long loadedAt)
    {
        if (salt.Length != Bytes32.Length) throw new ArgumentException($"A salt is {Bytes32.Length} bytes.", nameof(salt));
        return new UserState(userId, version, disabled ? UserStatus.Disabled : UserStatus.Active, loadedAt, salt, keys);
    }

    /// <summary>Whether <paramref name="row"/> is exactly what this state was read from: same version, status and salt.</summary>
    internal bool Matches(UserRow row) =>
        Status == (row.Disabled ? UserStatus.Disabled : UserStatus.Active) && Version == row.Version
        && row.Salt.Length == Bytes32.Length && ((ReadOnlySpan<byte>)_salt).SequenceEqual(row.Salt);

    /// <summary>A read that began at <paramref name="at"/> found this state unchanged (never moves back).</summary>
    internal void Reread(long at) => Timestamps.RaiseTo(ref _readAt, at);

    /// <summary>The verification key for a token signed under <paramref name="keyId"/>; derived only for a non-active key.</summary>
    public byte[] KeyFor(string keyId, IUserKeyDerivation keys)
    {
        if (Status != UserStatus.Active) throw new InvalidOperationException($"A {Status} user's state holds no key.");
        return keyId == keys.ActiveKeyId ? ((ReadOnlySpan<byte>)_activeKey).ToArray() : keys.DeriveUserKey(keyId, _salt, UserId, Version);
    }

    /// <summary>
    /// Whether jose-jwt already verified this exact token text (<paramref name="token"/> is its fingerprint) under
    /// this state. Version, salt and keys of a state never change, so that verdict still holds.
    /// </summary>
    public bool WasVerified(in TokenFingerprint token)
    {
        var stamp = Volatile.Read(ref _verifiedStamp);
        if (stamp == 0 || (stamp & 1) != 0) return false;
        Span<byte> remembered = stackalloc byte[TokenFingerprint.Length];
        ((ReadOnlySpan<byte>)_verified).CopyTo(remembered);
        Interlocked.MemoryBarrier(); // the copy is complete before the stamp is read again
        if (Volatile.Read(ref _verifiedStamp) != stamp) return false;
        return CryptographicOperations.FixedTimeEquals(token, remembered);
    }

    /// <summary>Remembers a token jose-jwt has just verified under this state. Skipped while another thread writes.</summary>
    public void RememberVerified(in TokenFingerprint token)
    {
        var stamp = Volatile.Read(ref _verifiedStamp);
        if ((stamp & 1) != 0 || Interlocked.CompareExchange(ref _verifiedStamp, stamp + 1, stamp) != stamp) return;
        _verified = token;
        Volatile.Write(ref _verifiedStamp, stamp + 2);
    }

    /// <summary>How many bytes of fields <see cref="Prefetch"/> covers: all of them, rounded up (a test checks it).</summary>
    internal const int PrefetchedBytes = 160;

    /// <summary>Hints the processor to fetch this state's lines: a hit reads them once the token's fingerprint is computed.</summary>
    internal void Prefetch()
    {
        ref var first = ref Unsafe.As<Fields>(this).First;
        for (var offset = 0; offset < PrefetchedBytes; offset += 64) CacheLine.Prefetch(ref Unsafe.Add(ref first, offset));
        CacheLine.Prefetch(ref Unsafe.Add(ref first, PrefetchedBytes - 1));
    }

    /// <summary>An object seen as bytes: <see cref="First"/> is where its fields begin.</summary>
    private sealed class Fields
    {
        public byte First;
    }

    [InlineArray(Length)]
    private struct Bytes32
    {
        public const int Length = 32;
        private byte _first;
    }
}
