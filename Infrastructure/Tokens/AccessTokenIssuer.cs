using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jose;
using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Tokens;

public sealed class AccessTokenIssuer(SigningKeyRing keys, IOptions<TokenOptions> options, TimeProvider time)
{
    public const string TokenType = "at+jwt";

    private readonly TokenOptions _options = options.Value;

    public IssuedAccessToken Issue(AccessTokenSubject subject)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var lifetime = _options.AccessTokenLifetime;
        var key = keys.DeriveUserKey(keys.ActiveKeyId, subject.Salt, subject.UserId, subject.Version);
        var payload = WritePayload(subject, now, now + (long)lifetime.TotalSeconds);
        return new IssuedAccessToken(JWT.Encode(payload, key, JwsAlgorithm.HS256, HeadersFor(keys.ActiveKeyId)), lifetime);
    }

    /// <summary>
    /// The header segment of every token this issuer signs under <paramref name="keyId"/>: the same text for each
    /// of them, so the reader can recognise it by comparison instead of parsing it.
    /// </summary>
    internal static string HeaderSegment(string keyId)
    {
        var token = JWT.Encode("{}", new byte[SigningKeyRing.DerivedKeyLength], JwsAlgorithm.HS256, HeadersFor(keyId));
        return token[..token.IndexOf('.')];
    }

    private static Dictionary<string, object> HeadersFor(string keyId) => new() { ["typ"] = TokenType, ["kid"] = keyId };

    private string WritePayload(AccessTokenSubject subject, long now, long expires)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("iss", _options.Issuer);
            json.WriteString("aud", _options.Audience);
            json.WriteString("sub", subject.UserId.ToString("D"));
            json.WriteString("sid", subject.SessionId.ToString("D"));
            json.WriteNumber("ver", subject.Version);
            json.WriteNumber("iat", now);
            json.WriteNumber("nbf", now);
            json.WriteNumber("exp", expires);
            var jti = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            json.WriteString("jti", jti);
            json.WriteString("chk", TokenCheck.Compute(
                keys.CheckKey(keys.ActiveKeyId), subject.UserId, subject.SessionId, subject.Version, expires, Encoding.ASCII.GetBytes(jti)));
            if (subject.Roles.Count == 1)
            {
                json.WriteString("role", subject.Roles[0]);
            }
            else if (subject.Roles.Count > 1)
            {
                json.WriteStartArray("role");
                foreach (var role in subject.Roles) json.WriteStringValue(role);
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
