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
/// active master key (so no request derives one). Immutable; a change replaces the whole object.
/// </summary>
public sealed class UserState
{
    private readonly byte[]? _salt;

    private UserState(Guid userId, long version, UserStatus status, byte[]? salt, string activeKeyId, byte[]? activeKey, long loadedAt)
    {
        UserId = userId;
        Version = version;
        Status = status;
        _salt = salt;
        ActiveKeyId = activeKeyId;
        ActiveKey = activeKey;
        LoadedAt = loadedAt;
    }

    public Guid UserId { get; }
    public long Version { get; }
    public UserStatus Status { get; }
    public string ActiveKeyId { get; }
    public byte[]? ActiveKey { get; }

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the database read this state came from.</summary>
    public long LoadedAt { get; }

    public static UserState Missing(Guid userId, long loadedAt) =>
        new(userId, 0, UserStatus.Missing, null, "", null, loadedAt);

    public static UserState Create(Guid userId, long version, bool disabled, byte[] salt, SigningKeyRing keys, long loadedAt) =>
        new(userId, version, disabled ? UserStatus.Disabled : UserStatus.Active, salt, keys.ActiveKeyId,
            keys.DeriveUserKey(keys.ActiveKeyId, salt, userId, version), loadedAt);

    /// <summary>The verification key for a token signed under <paramref name="keyId"/>; derived only for a non-active key.</summary>
    public byte[] KeyFor(string keyId, SigningKeyRing keys)
    {
        if (_salt is null || ActiveKey is null) throw new InvalidOperationException("A missing user has no key.");
        return ReferenceEquals(keyId, ActiveKeyId) || keyId == ActiveKeyId
            ? ActiveKey
            : keys.DeriveUserKey(keyId, _salt, UserId, Version);
    }
}
