using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>
/// Steps 1 to 3 of the hot path: shape, header and the claims the revocation check needs, read from the still
/// unverified token with no JSON DOM and no string per claim. Anything unexpected makes the token invalid.
/// </summary>
internal sealed class AccessTokenReader(SigningKeyRing keys, string issuer, string audience)
{
    private const int StackLimit = 1024;
    private const int MaxKeyIdLength = 64;
    private static readonly SearchValues<char> Base64UrlAndDot =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private const int KnownHeaderSlots = 8;
    private readonly byte[] _issuer = Encoding.UTF8.GetBytes(issuer);

    // Header segments already accepted, with the key id each named. Every token signed under one key carries
    // the same header text, so a repeat is recognised by plain comparison instead of decoding and parsing.
    // Each slot is an immutable object, so a reader never sees one header's text with another's key id.
    private readonly AcceptedHeader?[] _knownHeaders = new AcceptedHeader?[KnownHeaderSlots];
    private int _nextHeaderSlot;
    private readonly byte[] _audience = Encoding.UTF8.GetBytes(audience);

    public UnverifiedToken? Read(ReadOnlySpan<char> token)
    {
        if (token.ContainsAnyExcept(Base64UrlAndDot)) return null;
        var firstDot = token.IndexOf('.');
        var lastDot = token.LastIndexOf('.');
        if (firstDot <= 0 || lastDot == firstDot || lastDot == token.Length - 1) return null;
        var header = token[..firstDot];
        var payload = token[(firstDot + 1)..lastDot];
        if (payload.IsEmpty || payload.Contains('.')) return null;

        try
        {
            var keyId = KnownHeader(header) ?? RememberHeader(header, Decode(header, ReadHeader));
            return keyId is null ? null : Decode(payload, (json, self) => self.ReadPayload(json, keyId));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string? KnownHeader(ReadOnlySpan<char> header)
    {
        foreach (var known in _knownHeaders)
        {
            if (known is not null && header.SequenceEqual(known.Segment)) return known.KeyId;
        }

        return null;
    }

    private string? RememberHeader(ReadOnlySpan<char> header, string? keyId)
    {
        if (keyId is not null && header.Length <= 256)
        {
            var slot = (int)((uint)Interlocked.Increment(ref _nextHeaderSlot) % KnownHeaderSlots);
            Volatile.Write(ref _knownHeaders[slot], new AcceptedHeader(header.ToString(), keyId));
        }

        return keyId;
    }

    private sealed record AcceptedHeader(string Segment, string KeyId);

    private delegate T? JsonReader<out T>(ReadOnlySpan<byte> json, AccessTokenReader self);

    private T? Decode<T>(ReadOnlySpan<char> part, JsonReader<T> read)
    {
        var maxLength = Base64Url.GetMaxDecodedLength(part.Length);
        byte[]? rented = null;
        var buffer = maxLength <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            return Base64Url.TryDecodeFromChars(part, buffer, out var written) ? read(buffer[..written], this) : default;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string? ReadHeader(ReadOnlySpan<byte> json, AccessTokenReader self)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 4 });
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
                if (keyId is not null || !reader.Read() || !self.TryReadKeyId(ref reader, out keyId)) return null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return EndsCleanly(ref reader) && algOk && typOk ? keyId : null;
    }

    private bool TryReadKeyId(ref Utf8JsonReader reader, out string? keyId)
    {
        keyId = null;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxKeyIdLength * 6) return false;
        Span<char> chars = stackalloc char[MaxKeyIdLength * 6];
        var length = reader.CopyString(chars);
        if (!keys.TryGetKeyId(chars[..length], out var found)) return false;
        keyId = found;
        return true;
    }

    private UnverifiedToken? ReadPayload(ReadOnlySpan<byte> json, string keyId)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        Guid? sub = null, sid = null;
        long? ver = null, iat = null, nbf = null, exp = null;
        bool? issuerMatches = null, audienceMatches = null;
        List<string>? roles = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("sub"u8)) { if (!ReadGuid(ref reader, ref sub)) return null; }
            else if (reader.ValueTextEquals("sid"u8)) { if (!ReadGuid(ref reader, ref sid)) return null; }
            else if (reader.ValueTextEquals("ver"u8)) { if (!ReadInteger(ref reader, ref ver) || ver < 1) return null; }
            else if (reader.ValueTextEquals("iat"u8)) { if (!ReadInteger(ref reader, ref iat)) return null; }
            else if (reader.ValueTextEquals("nbf"u8)) { if (!ReadInteger(ref reader, ref nbf)) return null; }
            else if (reader.ValueTextEquals("exp"u8)) { if (!ReadInteger(ref reader, ref exp)) return null; }
            else if (reader.ValueTextEquals("iss"u8)) { if (!ReadMatch(ref reader, _issuer, allowArray: false, ref issuerMatches)) return null; }
            else if (reader.ValueTextEquals("aud"u8)) { if (!ReadMatch(ref reader, _audience, allowArray: true, ref audienceMatches)) return null; }
            else if (reader.ValueTextEquals("role"u8)) { if (roles is not null || !ReadRoles(ref reader, out roles)) return null; }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!EndsCleanly(ref reader) || sub is null || sid is null || ver is null || iat is null || nbf is null ||
            exp is null || issuerMatches is null || audienceMatches is null)
            return null;

        return new UnverifiedToken
        {
            KeyId = keyId,
            UserId = sub.Value,
            SessionId = sid.Value,
            Version = ver.Value,
            IssuedAt = iat.Value,
            NotBefore = nbf.Value,
            Expires = exp.Value,
            IssuerMatches = issuerMatches.Value,
            AudienceMatches = audienceMatches.Value,
            Roles = roles ?? (IReadOnlyList<string>)[],
        };
    }

    private static bool EndsCleanly(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0 && !reader.Read();

    private static bool ReadGuid(ref Utf8JsonReader reader, ref Guid? value)
    {
        if (value is not null || !reader.Read() || reader.TokenType != JsonTokenType.String) return false;
        if (!reader.TryGetGuid(out var parsed)) return false;
        value = parsed;
        return true;
    }

    private static bool ReadInteger(ref Utf8JsonReader reader, ref long? value)
    {
        if (value is not null || !reader.Read() || reader.TokenType != JsonTokenType.Number) return false;
        if (!reader.TryGetInt64(out var parsed)) return false;
        value = parsed;
        return true;
    }

    private static bool ReadMatch(ref Utf8JsonReader reader, byte[] expected, bool allowArray, ref bool? matches)
    {
        if (matches is not null || !reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.String)
        {
            matches = reader.ValueTextEquals(expected);
            return true;
        }

        if (!allowArray || reader.TokenType != JsonTokenType.StartArray) return false;
        var any = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.String) any |= reader.ValueTextEquals(expected);
        matches = any;
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool ReadRoles(ref Utf8JsonReader reader, out List<string>? roles)
    {
        roles = [];
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.String)
        {
            roles.Add(reader.GetString()!);
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.String) roles.Add(reader.GetString()!);
        return reader.TokenType == JsonTokenType.EndArray;
    }
}
