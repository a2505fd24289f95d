using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using TokenVersioning.Domain.Sessions;

namespace TokenVersioning.Infrastructure.Sessions;

/// <summary>Opaque refresh tokens: 32 random bytes, base64url. Only the SHA-256 of the text is stored.</summary>
internal static class RefreshTokenValue
{
    private const int RandomBytes = 32;
    public static readonly int TextLength = Base64Url.GetEncodedLength(RandomBytes);

    public static (string Value, byte[] Hash) Create()
    {
        var value = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));
        return (value, HashOf(value));
    }

    /// <summary>The stored hash of a presented token, or null when it cannot be one of ours.</summary>
    public static byte[]? TryHash(string presented) =>
        presented.Length == TextLength && Base64Url.IsValid(presented) ? HashOf(presented) : null;

    private static byte[] HashOf(string value)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(value));
        return hash.Length == RefreshToken.HashLength ? hash : throw new InvalidOperationException("Unexpected hash length.");
    }
}
