using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Caching;

namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>The configured master keys, the per-user key derivation and the per-master-key check keys.</summary>
public sealed class SigningKeyRing : IUserKeyDerivation
{
    public const int DerivedKeyLength = 32;
    private const string InfoPrefix = "tv-access-v1|";

    private readonly Dictionary<string, MasterKey> _keys;
    private readonly Dictionary<string, MasterKey>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SigningKeyRing(IOptions<TokenOptions> options)
    {
        var value = options.Value;
        _keys = value.SigningKeys.ToDictionary(k => k.Id, k => new MasterKey(Convert.FromBase64String(k.Secret)), StringComparer.Ordinal);
        _lookup = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
        ActiveKeyId = value.ActiveKeyId ?? value.SigningKeys.Single().Id;
    }

    public string ActiveKeyId { get; }

    public IEnumerable<string> KeyIds => _keys.Keys;

    /// <summary>Finds a configured key id without allocating; returns the interned id.</summary>
    public bool TryGetKeyId(ReadOnlySpan<char> kid, out string keyId)
    {
        if (_lookup.TryGetValue(kid, out var actualKey, out _))
        {
            keyId = actualKey;
            return true;
        }

        keyId = "";
        return false;
    }

    /// <summary>HKDF-SHA256(ikm = masterKey[kid], salt = user salt, info = "tv-access-v1|" + userId + "|" + version).</summary>
    public byte[] DeriveUserKey(string keyId, ReadOnlySpan<byte> salt, Guid userId, long version)
    {
        var key = new byte[DerivedKeyLength];
        DeriveUserKey(keyId, salt, userId, version, key);
        return key;
    }

    public void DeriveUserKey(string keyId, ReadOnlySpan<byte> salt, Guid userId, long version, Span<byte> key)
    {
        var info = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{InfoPrefix}{userId:D}|{version}"));
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _keys[keyId].Secret, key[..DerivedKeyLength], salt, info);
    }

    /// <summary>The key of the <c>chk</c> claim for tokens under <paramref name="keyId"/> (see <see cref="TokenCheck"/>).</summary>
    internal byte[] CheckKey(string keyId) => _keys[keyId].CheckKey;

    /// <summary>This thread's HMAC under <paramref name="keyId"/>'s check key, keyed once and reused (it is left reset).</summary>
    internal IncrementalHash CheckMac(string keyId) => _keys[keyId].CheckMac.Value!;

    private sealed class MasterKey
    {
        public MasterKey(byte[] secret)
        {
            Secret = secret;
            CheckKey = TokenCheck.DeriveKey(secret);
            CheckMac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, CheckKey));
        }

        public byte[] Secret { get; }
        public byte[] CheckKey { get; }
        public ThreadLocal<IncrementalHash> CheckMac { get; }
    }
}
