using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>Builds tokens by hand, signed with a plain HMAC, to attack the validator with.</summary>
public sealed class TokenForge(ApiFactory factory)
{
    public static JsonObject Header(string alg = "HS256", string? typ = "at+jwt", string? kid = ApiFactory.ActiveKeyId)
    {
        var header = new JsonObject { ["alg"] = alg };
        if (typ is not null) header["typ"] = typ;
        if (kid is not null) header["kid"] = kid;
        return header;
    }

    public JsonObject Claims(Guid userId, Guid sessionId, long version)
    {
        var now = factory.Time.GetUtcNow().ToUnixTimeSeconds();
        return new JsonObject
        {
            ["iss"] = ApiFactory.Issuer, ["aud"] = "tokenversioning-api", ["sub"] = userId.ToString(), ["sid"] = sessionId.ToString(),
            ["ver"] = version, ["iat"] = now, ["nbf"] = now, ["exp"] = now + 900, ["jti"] = Guid.NewGuid().ToString("N"), ["role"] = "user",
        };
    }

    public byte[] UserKey(Guid userId, byte[] salt, long version, string kid = ApiFactory.ActiveKeyId) =>
        factory.Services.GetRequiredService<SigningKeyRing>().DeriveUserKey(kid, salt, userId, version);

    /// <summary>
    /// Signs the payload as given; a payload without <c>chk</c> gets a correct one first (the forger holds the master
    /// keys), so that every later check is reached. Use <see cref="EncodeRaw"/> for a payload left exactly as written.
    /// </summary>
    public static string Encode(JsonNode header, JsonNode payload, byte[]? key, HashAlgorithmName? hash = null)
    {
        if (payload is JsonObject claims && !claims.ContainsKey("chk") && CheckOf(header, claims) is { } chk)
        {
            claims = claims.DeepClone().AsObject();
            claims["chk"] = chk;
            payload = claims;
        }

        return EncodeRaw(header.ToJsonString(), payload.ToJsonString(), key, hash);
    }

    /// <summary>The <c>chk</c> a genuine token with these claims carries, when the claims are well-formed enough to have one.</summary>
    public static string? CheckOf(JsonNode header, JsonObject claims)
    {
        var secret = (header["kid"] as JsonValue)?.GetValueKind() == JsonValueKind.String
            ? header["kid"]!.GetValue<string>() switch
            {
                ApiFactory.ActiveKeyId => ApiFactory.ActiveSecret,
                ApiFactory.OldKeyId => ApiFactory.OldSecret,
                _ => null,
            }
            : null;
        if (secret is null || !TryValue(claims, "sub", out Guid sub) || !TryValue(claims, "sid", out Guid sid) ||
            !TryValue(claims, "ver", out long ver) || !TryValue(claims, "exp", out long exp) || !TryValue(claims, "jti", out string? jti))
            return null;
        return TokenCheck.Compute(TokenCheck.DeriveKey(Convert.FromBase64String(secret)), sub, sid, ver, exp, Encoding.UTF8.GetBytes(jti!));
    }

    private static bool TryValue<T>(JsonObject claims, string name, out T? value)
    {
        value = default;
        if (claims[name] is not JsonValue node) return false;
        if (typeof(T) == typeof(Guid))
        {
            if (!node.TryGetValue(out string? text) || !Guid.TryParse(text, out var guid)) return false;
            value = (T)(object)guid;
            return true;
        }

        return node.TryGetValue(out value);
    }

    public static string EncodeRaw(string header, string payload, byte[]? key, HashAlgorithmName? hash = null)
    {
        var input = $"{B64(header)}.{B64(payload)}";
        if (key is null) return input + ".";
        var bytes = Encoding.ASCII.GetBytes(input);
        var signature = (hash ?? HashAlgorithmName.SHA256).Name switch
        {
            "SHA512" => HMACSHA512.HashData(key, bytes),
            _ => HMACSHA256.HashData(key, bytes),
        };
        return $"{input}.{Base64Url.EncodeToString(signature)}";
    }

    public static string B64(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public static JsonObject PayloadOf(string token) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]))!.AsObject();

    public static string Reserialize(JsonObject node) => node.ToJsonString(new JsonSerializerOptions());
}
