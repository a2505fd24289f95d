using System.Buffers.Text;
using System.Text.Json;

namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>
/// Step 2 of the hot path: the header segment gives the signing key's id, or null. The headers this service
/// writes (one per configured key, built once) are recognised by their text; any other is read as JSON and must
/// say HS256 and at+jwt and name a configured key.
/// </summary>
internal sealed class TokenHeaderReader(SigningKeyRing keys)
{
    private const int HeaderLimit = 512;
    private const int MaxKeyIdLength = 64;

    private readonly (string Segment, string KeyId)[] _issuedHeaders =
        keys.KeyIds.Select(id => (AccessTokenIssuer.HeaderSegment(id), id)).ToArray();

    public string? KeyIdOf(ReadOnlySpan<char> header) => IssuedHeader(header) ?? ReadHeader(header);

    private string? IssuedHeader(ReadOnlySpan<char> header)
    {
        foreach (var (segment, keyId) in _issuedHeaders)
        {
            if (header.SequenceEqual(segment)) return keyId;
        }

        return null;
    }

    private string? ReadHeader(ReadOnlySpan<char> segment)
    {
        if (segment.Length > HeaderLimit) return null;
        Span<byte> json = stackalloc byte[Base64Url.GetMaxDecodedLength(HeaderLimit)];
        if (!JsonValues.TryDecode(segment, json, out var length)) return null;

        var reader = new Utf8JsonReader(json[..length], new JsonReaderOptions { MaxDepth = 4 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        bool algOk = false, typOk = false, seenAlg = false, seenTyp = false;
        string? keyId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("alg"u8))
            {
                if (seenAlg) return null;
                seenAlg = true;
                algOk = reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("HS256"u8);
            }
            else if (reader.ValueTextEquals("typ"u8))
            {
                if (seenTyp) return null;
                seenTyp = true;
                typOk = reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("at+jwt"u8);
            }
            else if (reader.ValueTextEquals("kid"u8))
            {
                if (keyId is not null || !reader.Read() || !TryReadKeyId(ref reader, out keyId)) return null;
            }
            else
            {
                JsonValues.SkipValue(ref reader);
            }
        }

        return JsonValues.EndsCleanly(ref reader) && algOk && typOk ? keyId : null;
    }

    private bool TryReadKeyId(ref Utf8JsonReader reader, out string? keyId)
    {
        keyId = null;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxKeyIdLength) return false;
        Span<char> chars = stackalloc char[MaxKeyIdLength];
        var length = reader.CopyString(chars);
        if (!keys.TryGetKeyId(chars[..length], out var found)) return false;
        keyId = found;
        return true;
    }
}
