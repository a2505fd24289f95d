using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TokenVersioning.Client;

/// <summary>
/// What can be read from a token without its key: that it has the shape of a JWS (three base64url parts), who it
/// names and when it expires. Nothing here is trusted for an acceptance (only the service's answer is); it decides
/// what is not worth asking about (garbled text, an expired token) and how long an accepted verdict may live.
/// </summary>
internal readonly record struct TokenFacts(Guid UserId, long Expires)
{
    public const int MaxLength = 4096;

    public static bool TryRead(ReadOnlySpan<char> token, out TokenFacts facts)
    {
        facts = default;
        if (token.Length is 0 or > MaxLength) return false;
        var first = token.IndexOf('.');
        if (first <= 0) return false;
        var rest = token[(first + 1)..];
        var second = rest.IndexOf('.');
        if (second <= 0 || rest[(second + 1)..].IndexOf('.') >= 0 || second + 1 == rest.Length) return false;
        foreach (var c in token)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.')) return false;
        }

        var payload = rest[..second];
        var bytes = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(payload.Length));
        try
        {
            if (Base64Url.DecodeFromChars(payload, bytes, out _, out var written) != OperationStatus.Done) return false;
            return TryReadClaims(bytes.AsSpan(0, written), out facts);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static bool TryReadClaims(ReadOnlySpan<byte> json, out TokenFacts facts)
    {
        facts = default;
        Guid? user = null;
        long? expires = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isSub = reader.ValueTextEquals("sub"u8);
                var isExp = reader.ValueTextEquals("exp"u8);
                if (!reader.Read()) return false;
                if (isSub && reader.TokenType == JsonTokenType.String && Guid.TryParse(reader.GetString(), out var id)) user = id;
                else if (isExp && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var exp)) expires = exp;
                else reader.Skip();
            }

            if (user is null || expires is null) return false;
            facts = new TokenFacts(user.Value, expires.Value);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>A token's cache key: its SHA-256, so that the cache holds no token text.</summary>
internal readonly record struct TokenKey(ulong A, ulong B, ulong C, ulong D)
{
    public static TokenKey Of(ReadOnlySpan<char> token)
    {
        Span<byte> utf8 = stackalloc byte[TokenFacts.MaxLength];
        var length = Encoding.ASCII.GetBytes(token, utf8);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(utf8[..length], hash);
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(hash);
        return new TokenKey(words[0], words[1], words[2], words[3]);
    }
}
