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
    private const int StackLimit = 2048;

    /// <summary>Base64url of an HMAC-SHA256: 43 characters, the last of which carries two zero bits.</summary>
    private const int SignatureLength = 43;

    private static readonly SearchValues<char> Base64UrlAndDot =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    private static readonly SearchValues<char> CanonicalSignatureEnd = SearchValues.Create("AEIMQUYcgkosw048");

    private readonly SigningKeyRing _keys;
    private readonly TokenHeaderReader _headers;
    private readonly byte[] _issuer;
    private readonly byte[] _audience;
    private readonly Action<Guid>? _beforeCheck;

    /// <param name="beforeCheck">
    /// Told the subject of a well-formed token just before its <c>chk</c> is computed: the validator hints the
    /// processor to fetch that user's slot of the cache meanwhile. A hint only: nothing is read or decided on it.
    /// </param>
    public AccessTokenReader(SigningKeyRing keys, string issuer, string audience, Action<Guid>? beforeCheck = null)
    {
        _keys = keys;
        _beforeCheck = beforeCheck;
        _headers = new TokenHeaderReader(keys);
        _issuer = Encoding.UTF8.GetBytes(issuer);
        _audience = Encoding.UTF8.GetBytes(audience);
    }

    /// <param name="withJwtId">Also keep the token's <c>jti</c> (introspection answers it); the hot path does not need it.</param>
    public AccessTokenClaims? Read(ReadOnlySpan<char> token, bool withJwtId = false)
    {
        if (!TrySplit(token, out var header, out var payload)) return null;
        try
        {
            var keyId = _headers.KeyIdOf(header);
            return keyId is null ? null : ReadPayload(payload, keyId, withJwtId);
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

    private AccessTokenClaims? ReadPayload(ReadOnlySpan<char> segment, string keyId, bool withJwtId)
    {
        var maxLength = Base64Url.GetMaxDecodedLength(segment.Length);
        byte[]? rented = null;
        var buffer = maxLength <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(maxLength));
        try
        {
            return JsonValues.TryDecode(segment, buffer, out var length) ? ParsePayload(buffer[..length], keyId, withJwtId) : null;
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private AccessTokenClaims? ParsePayload(ReadOnlySpan<byte> json, string keyId, bool withJwtId)
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
            if (reader.ValueTextEquals("sub"u8)) { if (!JsonValues.ReadGuid(ref reader, ref sub)) return null; }
            else if (reader.ValueTextEquals("sid"u8)) { if (!JsonValues.ReadGuid(ref reader, ref sid)) return null; }
            else if (reader.ValueTextEquals("ver"u8)) { if (!JsonValues.ReadInteger(ref reader, ref ver) || ver < 1) return null; }
            else if (reader.ValueTextEquals("iat"u8)) { if (!JsonValues.ReadInteger(ref reader, ref iat)) return null; }
            else if (reader.ValueTextEquals("nbf"u8)) { if (!JsonValues.ReadInteger(ref reader, ref nbf)) return null; }
            else if (reader.ValueTextEquals("exp"u8)) { if (!JsonValues.ReadInteger(ref reader, ref exp)) return null; }
            else if (reader.ValueTextEquals("jti"u8)) { if (!JsonValues.ReadBytes(ref reader, jti, ref jtiLength)) return null; }
            else if (reader.ValueTextEquals("chk"u8)) { if (!JsonValues.ReadBytes(ref reader, chk, ref chkLength)) return null; }
            else if (reader.ValueTextEquals("iss"u8)) { if (!JsonValues.ReadMatch(ref reader, _issuer, allowArray: false, ref issuerMatches)) return null; }
            else if (reader.ValueTextEquals("aud"u8)) { if (!JsonValues.ReadMatch(ref reader, _audience, allowArray: true, ref audienceMatches)) return null; }
            else if (reader.ValueTextEquals("role"u8))
            {
                if (hasRoles) return null;
                roles = reader;
                hasRoles = true;
                JsonValues.SkipValue(ref reader);
            }
            else
            {
                JsonValues.SkipValue(ref reader);
            }
        }

        if (!JsonValues.EndsCleanly(ref reader) || sub is null || sid is null || ver is null || iat is null || nbf is null ||
            exp is null || issuerMatches is null || audienceMatches is null || jtiLength < 0 || chkLength < 0)
            return null;
        _beforeCheck?.Invoke(sub.Value);
        if (!TokenCheck.Verify(_keys.CheckMac(keyId), sub.Value, sid.Value, ver.Value, exp.Value, jti[..jtiLength], chk[..chkLength]))
            return null;

        List<string>? roleList = null;
        if (hasRoles && !JsonValues.ReadRoles(ref roles, out roleList)) return null;
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
            JwtId = withJwtId ? Encoding.UTF8.GetString(jti[..jtiLength]) : null,
        };
    }
}
