using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace TokenVersioning.Infrastructure.Caching;

/// <summary>SHA-256 of a token's text: a byte-identical token, and nothing else, has the same one.</summary>
[InlineArray(Length)]
public struct TokenFingerprint
{
    public const int Length = 32;
    private byte _first;

    public static TokenFingerprint Of(ReadOnlySpan<char> token)
    {
        // Tokens reach here only after the reader accepted them: ASCII, at most Tokens:MaxTokenLength long.
        var bytes = token.Length <= 4096 ? stackalloc byte[token.Length] : new byte[token.Length];
        Encoding.ASCII.GetBytes(token, bytes);
        var sha = Sha256.Value!;
        sha.AppendData(bytes);
        var fingerprint = default(TokenFingerprint);
        sha.GetHashAndReset(fingerprint);
        return fingerprint;
    }

    /// <summary>One reusable SHA-256 per thread: a one-shot hash sets up a new context on every call.</summary>
    private static readonly ThreadLocal<IncrementalHash> Sha256 = new(() => IncrementalHash.CreateHash(HashAlgorithmName.SHA256));
}
