using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>The configured master keys and the per-user key derivation of DESIGN.md.</summary>
public sealed class SigningKeyRing
{
    public const int DerivedKeyLength = 32;
    private const string InfoPrefix = "tv-access-v1|";

    private readonly Dictionary<string, byte[]> _secrets;
    private readonly Dictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public SigningKeyRing(IOptions<TokenOptions> options)
    {
        var value = options.Value;
        _secrets = value.SigningKeys.ToDictionary(k => k.Id, k => Convert.FromBase64String(k.Secret), StringComparer.Ordinal);
        _lookup = _secrets.GetAlternateLookup<ReadOnlySpan<char>>();
        ActiveKeyId = value.ActiveKeyId ?? value.SigningKeys.Single().Id;
    }

    public string ActiveKeyId { get; }

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
    public byte[] DeriveUserKey(string keyId, byte[] salt, Guid userId, long version)
    {
        var info = Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{InfoPrefix}{userId:D}|{version}"));
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, _secrets[keyId], DerivedKeyLength, salt, info);
    }
}
