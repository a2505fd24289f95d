namespace TokenVersioning.Infrastructure.Caching;

/// <summary>
/// What a cached user state needs of the signing keys: the per-user key of a master key, for the user's salt and
/// version (the ring of master keys implements it). A state derives its active key once, when it is read.
/// </summary>
public interface IUserKeyDerivation
{
    string ActiveKeyId { get; }

    void DeriveUserKey(string keyId, ReadOnlySpan<byte> salt, Guid userId, long version, Span<byte> key);

    byte[] DeriveUserKey(string keyId, ReadOnlySpan<byte> salt, Guid userId, long version);
}
