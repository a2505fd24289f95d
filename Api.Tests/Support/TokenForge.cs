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
            ["iss"] = "tokenversioning", ["aud"] = "tokenversioning-api", ["sub"] = userId.ToString(), ["sid"] = sessionId.ToString(),
            ["ver"] = version, ["iat"] = now, ["nbf"] = now, ["exp"] = now + 900, ["jti"] = Guid.NewGuid().ToString("N"), ["role"] = "user",
        };
    }

    public byte[] UserKey(Guid userId, byte[] salt, long version, string kid = ApiFactory.ActiveKeyId) =>
        factory.Services.GetRequiredService<SigningKeyRing>().DeriveUserKey(kid, salt, userId, version);

    public static string Encode(JsonNode header, JsonNode payload, byte[]? key, HashAlgorithmName? hash = null) =>
        EncodeRaw(header.ToJsonString(), payload.ToJsonString(), key, hash);

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
