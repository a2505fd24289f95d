using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>
/// The <c>chk</c> claim: a 128-bit MAC, under a key derived once per master key, over the claims the revocation
/// check reads before the signature (<c>sub</c>, <c>sid</c>, <c>ver</c>, <c>exp</c>, <c>jti</c>). It lets the hot
/// path discard a forged token before the token costs a cache entry or a database read.
/// </summary>
internal static class TokenCheck
{
    public const int MacLength = 16;
    public const int EncodedLength = 22;
    public const int MaxJtiBytes = 64;
    private const int FixedLength = 16 + 16 + 8 + 8 + 1;

    /// <summary>HKDF-SHA256(masterKey, info = "tv-check-v1").</summary>
    public static byte[] DeriveKey(byte[] masterKey) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, salt: [], info: "tv-check-v1"u8.ToArray());

    /// <summary>
    /// The MAC input is unambiguous by construction: fixed-width fields (GUIDs as 16 big-endian bytes, integers as
    /// 8 big-endian bytes), then the length of <c>jti</c> and its UTF-8 bytes.
    /// </summary>
    public static bool TryCompute(
        ReadOnlySpan<byte> key, Guid sub, Guid sid, long ver, long exp, ReadOnlySpan<byte> jti, Span<byte> mac)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        return TryCompute(hmac, sub, sid, ver, exp, jti, mac);
    }

    /// <summary>With a keyed HMAC that is reused (and left reset): no per-call set-up of the key.</summary>
    public static bool TryCompute(
        IncrementalHash hmac, Guid sub, Guid sid, long ver, long exp, ReadOnlySpan<byte> jti, Span<byte> mac)
    {
        if (jti.Length > MaxJtiBytes || mac.Length < MacLength) return false;
        Span<byte> input = stackalloc byte[FixedLength + MaxJtiBytes];
        sub.TryWriteBytes(input, bigEndian: true, out _);
        sid.TryWriteBytes(input[16..], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(input[32..], ver);
        BinaryPrimitives.WriteInt64BigEndian(input[40..], exp);
        input[48] = (byte)jti.Length;
        jti.CopyTo(input[FixedLength..]);
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hmac.AppendData(input[..(FixedLength + jti.Length)]);
        hmac.GetHashAndReset(full);
        full[..MacLength].CopyTo(mac);
        return true;
    }

    public static string Compute(ReadOnlySpan<byte> key, Guid sub, Guid sid, long ver, long exp, ReadOnlySpan<byte> jti)
    {
        Span<byte> mac = stackalloc byte[MacLength];
        if (!TryCompute(key, sub, sid, ver, exp, jti, mac)) throw new ArgumentException("jti is too long.", nameof(jti));
        return Base64Url.EncodeToString(mac);
    }

    /// <summary>Whether <paramref name="chk"/> (the claim's base64url text, as UTF-8) is the MAC of the values. Constant time.</summary>
    public static bool Verify(IncrementalHash hmac, Guid sub, Guid sid, long ver, long exp, ReadOnlySpan<byte> jti, ReadOnlySpan<byte> chk)
    {
        Span<byte> presented = stackalloc byte[MacLength];
        if (chk.Length != EncodedLength ||
            Base64Url.DecodeFromUtf8(chk, presented, out _, out var written) != System.Buffers.OperationStatus.Done ||
            written != MacLength)
            return false;
        Span<byte> expected = stackalloc byte[MacLength];
        return TryCompute(hmac, sub, sid, ver, exp, jti, expected) && CryptographicOperations.FixedTimeEquals(expected, presented);
    }
}
