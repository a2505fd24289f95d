using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>Broken, forged and hostile tokens: each is a 401 with the right code, never a 500, never accepted.</summary>
[Collection(ApiCollection.Name)]
public sealed class ForgedTokenTests(ApiFactory factory) : ApiTest(factory)
{
    private readonly TokenForge _forge = new(factory);

    private sealed record Victim(Account Account, Tokens Tokens, byte[] Salt, long Version)
    {
        public Guid Id => Account.Id;
    }

    private async Task<Victim> VictimAsync()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        var row = await UserRowAsync(account.Id);
        return new Victim(account, tokens, row.SecuritySalt, row.TokenVersion);
    }

    private async Task AssertRefusedAsync(string token, string code)
    {
        var response = await GetMeAsync(token);
        await AssertUnauthorizedAsync(response, code);
    }

    private JsonObject ClaimsOf(Victim v) => _forge.Claims(v.Id, v.Tokens.SessionId, v.Version);

    private byte[] KeyOf(Victim v) => _forge.UserKey(v.Id, v.Salt, v.Version);

    [Fact]
    public async Task Sanity_AHandForgedTokenWithTheRightKeyIsAccepted()
    {
        var v = await VictimAsync();
        var token = TokenForge.Encode(TokenForge.Header(), ClaimsOf(v), KeyOf(v));
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(token)).StatusCode);
        var withAudienceArray = ClaimsOf(v);
        withAudienceArray["aud"] = new JsonArray("other", "tokenversioning-api");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(TokenForge.Encode(TokenForge.Header(), withAudienceArray, KeyOf(v)))).StatusCode);
    }

    [Fact]
    public async Task TokenSignedWithANonActiveConfiguredKey_StillVerifies()
    {
        var v = await VictimAsync();
        var oldKey = _forge.UserKey(v.Id, v.Salt, v.Version, ApiFactory.OldKeyId);
        var token = TokenForge.Encode(TokenForge.Header(kid: ApiFactory.OldKeyId), ClaimsOf(v), oldKey);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(token)).StatusCode);
        // ...but the old key id with the active key's signature is not.
        await AssertRefusedAsync(TokenForge.Encode(TokenForge.Header(kid: ApiFactory.OldKeyId), ClaimsOf(v), KeyOf(v)), "token_invalid");
    }

    public static TheoryData<string> HeaderAttacks => new()
    {
        "alg-none", "alg-HS512", "alg-RS256", "alg-lowercase", "empty-key", "unknown-kid", "missing-kid", "missing-typ",
        "typ-JWT", "duplicate-alg", "non-json-header", "header-is-array", "kid-not-string", "master-key-not-derived",
    };

    [Theory]
    [MemberData(nameof(HeaderAttacks))]
    public async Task HeaderAttack_IsTokenInvalid(string attack)
    {
        var v = await VictimAsync();
        var claims = ClaimsOf(v);
        var key = KeyOf(v);
        var token = attack switch
        {
            "alg-none" => TokenForge.Encode(TokenForge.Header(alg: "none"), claims, null),
            "alg-HS512" => TokenForge.Encode(TokenForge.Header(alg: "HS512"), claims, key, HashAlgorithmName.SHA512),
            "alg-RS256" => TokenForge.Encode(TokenForge.Header(alg: "RS256"), claims, key),
            "alg-lowercase" => TokenForge.Encode(TokenForge.Header(alg: "hs256"), claims, key),
            "empty-key" => TokenForge.Encode(TokenForge.Header(), claims, []),
            "unknown-kid" => TokenForge.Encode(TokenForge.Header(kid: "k9"), claims, key),
            "missing-kid" => TokenForge.Encode(TokenForge.Header(kid: null), claims, key),
            "missing-typ" => TokenForge.Encode(TokenForge.Header(typ: null), claims, key),
            "typ-JWT" => TokenForge.Encode(TokenForge.Header(typ: "JWT"), claims, key),
            "duplicate-alg" => TokenForge.EncodeRaw("""{"alg":"HS256","alg":"none","typ":"at+jwt","kid":"k2"}""", claims.ToJsonString(), key),
            "non-json-header" => TokenForge.EncodeRaw("not json at all", claims.ToJsonString(), key),
            "header-is-array" => TokenForge.EncodeRaw("""["HS256"]""", claims.ToJsonString(), key),
            "kid-not-string" => TokenForge.EncodeRaw("""{"alg":"HS256","typ":"at+jwt","kid":2}""", claims.ToJsonString(), key),
            "master-key-not-derived" => TokenForge.Encode(TokenForge.Header(), claims, Convert.FromBase64String(ApiFactory.ActiveSecret)),
            _ => throw new ArgumentOutOfRangeException(nameof(attack)),
        };

        await AssertRefusedAsync(token, "token_invalid");
    }

    public static TheoryData<string, string> ClaimAttacks => new()
    {
        { "tampered-role", "token_invalid" },
        { "ver-forged-upward", "token_invalid" },
        { "ver-zero", "token_invalid" },
        { "ver-as-string", "token_invalid" },
        { "expired", "token_expired" },
        { "not-yet-valid", "token_invalid" },
        { "issued-in-the-future", "token_invalid" },
        { "wrong-iss", "token_invalid" },
        { "wrong-aud", "token_invalid" },
        { "missing-exp", "token_invalid" },
        { "exp-as-fraction", "token_invalid" },
        { "non-guid-sub", "token_invalid" },
        { "missing-sid", "token_invalid" },
        { "payload-is-array", "token_invalid" },
        { "unknown-user", "token_revoked" },
        { "duplicate-sub", "token_invalid" },
    };

    [Theory]
    [MemberData(nameof(ClaimAttacks))]
    public async Task ClaimAttack_IsRefusedWithTheRightCode(string attack, string code)
    {
        var v = await VictimAsync();
        var claims = ClaimsOf(v);
        var key = KeyOf(v);
        var now = Factory.Time.GetUtcNow().ToUnixTimeSeconds();
        var token = attack switch
        {
            "tampered-role" => Tamper(v.Tokens.AccessToken, p => p["role"] = "admin"),
            "ver-forged-upward" => Signed(claims, c => c["ver"] = v.Version + 1, _forge.UserKey(v.Id, v.Salt, v.Version + 1)),
            "ver-zero" => Signed(claims, c => c["ver"] = 0, key),
            "ver-as-string" => Signed(claims, c => c["ver"] = v.Version.ToString(), key),
            "expired" => Signed(claims, c => c["exp"] = now - 31, key),
            "not-yet-valid" => Signed(claims, c => c["nbf"] = now + 60, key),
            "issued-in-the-future" => Signed(claims, c => c["iat"] = now + 3600, key),
            "wrong-iss" => Signed(claims, c => c["iss"] = "someone-else", key),
            "wrong-aud" => Signed(claims, c => c["aud"] = "another-api", key),
            "missing-exp" => Signed(claims, c => c.Remove("exp"), key),
            "exp-as-fraction" => Signed(claims, c => c["exp"] = now + 900.5, key),
            "non-guid-sub" => Signed(claims, c => c["sub"] = "12345", key),
            "missing-sid" => Signed(claims, c => c.Remove("sid"), key),
            "payload-is-array" => TokenForge.EncodeRaw(TokenForge.Header().ToJsonString(), "[1,2,3]", key),
            "unknown-user" => Signed(claims, c => c["sub"] = Guid.NewGuid().ToString(), key),
            "duplicate-sub" => TokenForge.EncodeRaw(TokenForge.Header().ToJsonString(),
                claims.ToJsonString().TrimEnd('}') + $",\"sub\":\"{Guid.NewGuid()}\"}}", key),
            _ => throw new ArgumentOutOfRangeException(nameof(attack)),
        };

        await AssertRefusedAsync(token, code);
    }

    [Fact]
    public async Task AfterAGenuineTokenWasAccepted_TamperedCopiesOfItAreStillRefused()
    {
        var v = await VictimAsync();
        var token = v.Tokens.AccessToken;
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(token)).StatusCode); // now remembered as verified
        var parts = token.Split('.');
        var flipped = parts[2][..^2] + (parts[2][^2] == 'A' ? 'B' : 'A') + parts[2][^1];

        await AssertRefusedAsync(Tamper(token, p => p["role"] = "admin"), "token_invalid");
        await AssertRefusedAsync(Tamper(token, p => p["exp"] = p["exp"]!.GetValue<long>() + 3600), "token_invalid");
        await AssertRefusedAsync($"{parts[0]}.{parts[1]}.{flipped}", "token_invalid");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(token)).StatusCode);
    }

    [Fact]
    public async Task AnotherUsersSubUnderThisUsersSignature_IsTokenInvalid()
    {
        var attacker = await VictimAsync();
        var target = await VictimAsync();
        var claims = _forge.Claims(target.Id, target.Tokens.SessionId, target.Version);

        await AssertRefusedAsync(TokenForge.Encode(TokenForge.Header(), claims, KeyOf(attacker)), "token_invalid");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(target.Tokens.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task AttackerCannotMintATokenForTheNewVersionAfterRevocation()
    {
        var v = await VictimAsync();
        await SendAsync(HttpMethod.Post, "/api/auth/logout-all", v.Tokens.AccessToken);

        // The attacker knows the old salt and the new version number, but the salt was rotated.
        var token = Signed(_forge.Claims(v.Id, v.Tokens.SessionId, v.Version + 1), _ => { }, _forge.UserKey(v.Id, v.Salt, v.Version + 1));

        await AssertRefusedAsync(token, "token_invalid");
    }

    private static string Signed(JsonObject claims, Action<JsonObject> change, byte[] key)
    {
        change(claims);
        return TokenForge.Encode(TokenForge.Header(), claims, key);
    }

    private static string Tamper(string token, Action<JsonObject> change)
    {
        var parts = token.Split('.');
        var payload = TokenForge.PayloadOf(token);
        change(payload);
        return $"{parts[0]}.{TokenForge.B64(payload.ToJsonString())}.{parts[2]}";
    }
}
