using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>
/// Steps 1 to 3 of the hot path: shape, header, and the claims the revocation check needs, read from the still
/// unverified token with no JSON DOM, then the <c>chk</c> MAC over them. Total: any input at all gives claims or
/// null, never an exception, and a token that fails here has allocated nothing but what the caller passed in.
/// </summary>
internal sealed class AccessTokenReader
{
    private const int HeaderLimit = 512;
    private const int StackLimit = 2048;
    private const int MaxKeyIdLength = 64;

    /// <summary>Base64url of an HMAC-SHA256: 43 characters, the last of which carries two zero bits.</summary>
    private const int SignatureLength = 43;

    private static readonly SearchValues<char> Base64UrlAndDot =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private static readonly SearchValues<char> CanonicalSignatureEnd = SearchValues.Create("AEIMQUYcgkosw048");

    private readonly SigningKeyRing _keys;
    private readonly byte[] _issuer;
    private readonly byte[] _audience;

    /// <summary>The header segment this service writes under each configured key, built once.</summary>
    private readonly (string Segment, string KeyId)[] _issuedHeaders;

    public AccessTokenReader(SigningKeyRing keys, string issuer, string audience)
    {
        _keys = keys;
        _issuer = Encoding.UTF8.GetBytes(issuer);
        _audience = Encoding.UTF8.GetBytes(audience);
        _issuedHeaders = keys.KeyIds.Select(id => (AccessTokenIssuer.HeaderSegment(id), id)).ToArray();
    }

    public AccessTokenClaims? Read(ReadOnlySpan<char> token)
    {
        if (!TrySplit(token, out var header, out var payload)) return null;
        try
        {
            var keyId = IssuedHeader(header) ?? ReadHeader(header);
            return keyId is null ? null : ReadPayload(payload, keyId);
        }
        catch (JsonException)
        {
            return null; // not JSON, too deep, truncated
        }
        catch (InvalidOperationException)
        {
            return null; // a string value that is not valid UTF-8 or UTF-16 once unescaped
        }
    }

    /// <summary>Three non-empty base64url segments, the last one the size of an HS256 signature.</summary>
    private static bool TrySplit(ReadOnlySpan<char> token, out ReadOnlySpan<char> header, out ReadOnlySpan<char> payload)
    {
        header = payload = default;
        if (token.ContainsAnyExcept(Base64UrlAndDot)) return false;
        var firstDot = token.IndexOf('.');
        var lastDot = token.LastIndexOf('.');
        if (firstDot <= 0 || lastDot - firstDot < 2 || token.Length - lastDot - 1 != SignatureLength) return false;
        if (!CanonicalSignatureEnd.Contains(token[^1])) return false;
        header = token[..firstDot];
        payload = token[(firstDot + 1)..lastDot];
        return !payload.Contains('.');
    }

    private string? IssuedHeader(ReadOnlySpan<char> header)
    {
        foreach (var (segment, keyId) in _issuedHeaders)
        {
            if (header.SequenceEqual(segment)) return keyId;
        }

        return null;
    }

    private static bool TryDecode(ReadOnlySpan<char> segment, Span<byte> buffer, out int written) =>
        Base64Url.DecodeFromChars(segment, buffer, out var consumed, out written) == OperationStatus.Done && consumed == segment.Length;

    private string? ReadHeader(ReadOnlySpan<char> segment)
    {
        if (segment.Length > HeaderLimit) return null;
        Span<byte> json = stackalloc byte[Base64Url.GetMaxDecodedLength(HeaderLimit)];
        if (!TryDecode(segment, json, out var length)) return null;

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
                SkipValue(ref reader);
            }
        }

        return EndsCleanly(ref reader) && algOk && typOk ? keyId : null;
    }

    private bool TryReadKeyId(ref Utf8JsonReader reader, out string? keyId)
    {
        keyId = null;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxKeyIdLength) return false;
        Span<char> chars = stackalloc char[MaxKeyIdLength];
        var length = reader.CopyString(chars);
        if (!_keys.TryGetKeyId(chars[..length], out var found)) return false;
        keyId = found;
        return true;
    }

    private AccessTokenClaims? ReadPayload(ReadOnlySpan<char> segment, string keyId)
    {
        var maxLength = Base64Url.GetMaxDecodedLength(segment.Length);
        byte[]? rented = null;
        var buffer = maxLength <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            return TryDecode(segment, buffer, out var length) ? ParsePayload(buffer[..length], keyId) : null;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private AccessTokenClaims? ParsePayload(ReadOnlySpan<byte> json, string keyId)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        Guid? sub = null, sid = null;
        long? ver = null, iat = null, nbf = null, exp = null;
        bool? issuerMatches = null, audienceMatches = null;
        Span<byte> jti = stackalloc byte[TokenCheck.MaxJtiBytes];
        Span<byte> chk = stackalloc byte[TokenCheck.EncodedLength];
        int jtiLength = -1, chkLength = -1;
        // Roles are read (and their strings made) only once chk has passed: a forged token allocates nothing.
        var roles = default(Utf8JsonReader);
        var hasRoles = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("sub"u8)) { if (!ReadGuid(ref reader, ref sub)) return null; }
            else if (reader.ValueTextEquals("sid"u8)) { if (!ReadGuid(ref reader, ref sid)) return null; }
            else if (reader.ValueTextEquals("ver"u8)) { if (!ReadInteger(ref reader, ref ver) || ver < 1) return null; }
            else if (reader.ValueTextEquals("iat"u8)) { if (!ReadInteger(ref reader, ref iat)) return null; }
            else if (reader.ValueTextEquals("nbf"u8)) { if (!ReadInteger(ref reader, ref nbf)) return null; }
            else if (reader.ValueTextEquals("exp"u8)) { if (!ReadInteger(ref reader, ref exp)) return null; }
            else if (reader.ValueTextEquals("jti"u8)) { if (!ReadBytes(ref reader, jti, ref jtiLength)) return null; }
            else if (reader.ValueTextEquals("chk"u8)) { if (!ReadBytes(ref reader, chk, ref chkLength)) return null; }
            else if (reader.ValueTextEquals("iss"u8)) { if (!ReadMatch(ref reader, _issuer, allowArray: false, ref issuerMatches)) return null; }
            else if (reader.ValueTextEquals("aud"u8)) { if (!ReadMatch(ref reader, _audience, allowArray: true, ref audienceMatches)) return null; }
            else if (reader.ValueTextEquals("role"u8))
            {
                if (hasRoles) return null;
                roles = reader;
                hasRoles = true;
                SkipValue(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        if (!EndsCleanly(ref reader) || sub is null || sid is null || ver is null || iat is null || nbf is null ||
            exp is null || issuerMatches is null || audienceMatches is null || jtiLength < 0 || chkLength < 0)
            return null;
        if (!TokenCheck.Verify(_keys.CheckMac(keyId), sub.Value, sid.Value, ver.Value, exp.Value, jti[..jtiLength], chk[..chkLength]))
            return null;

        List<string>? roleList = null;
        if (hasRoles && !ReadRoles(ref roles, out roleList)) return null;
        return new AccessTokenClaims
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
            Roles = roleList ?? (IReadOnlyList<string>)[],
        };
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
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

    /// <summary>A string claim's unescaped UTF-8 bytes, refused when it does not fit <paramref name="destination"/>.</summary>
    private static bool ReadBytes(ref Utf8JsonReader reader, scoped Span<byte> destination, ref int length)
    {
        if (length >= 0 || !reader.Read() || reader.TokenType != JsonTokenType.String) return false;
        // The escaped text is never shorter than the value, so this also makes CopyString's copy fit.
        if (reader.ValueSpan.Length > destination.Length) return false;
        length = reader.CopyString(destination);
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
            roles.Add(RoleName(ref reader));
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartArray) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.String) roles.Add(RoleName(ref reader));
        return reader.TokenType == JsonTokenType.EndArray;
    }

    /// <summary>The service's own role names come back as the same string objects; any other is read.</summary>
    private static string RoleName(ref Utf8JsonReader reader)
    {
        foreach (var known in Domain.Users.Role.All)
        {
            if (reader.ValueTextEquals(known)) return known;
        }

        return reader.GetString()!;
    }
}
