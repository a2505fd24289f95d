using System.Security.Cryptography;
using System.Text.Json;
using Jose;

namespace TokenVersioning.Benchmarks;

/// <summary>The claims an ordinary stateless HS256 token carries, signed with one fixed key for everyone.</summary>
public sealed class StatelessClaims
{
    public string? iss { get; set; }
    public string? aud { get; set; }
    public string? sub { get; set; }
    public string? sid { get; set; }
    public string? jti { get; set; }
    public long ver { get; set; }
    public long iat { get; set; }
    public long nbf { get; set; }
    public long exp { get; set; }
    public string? role { get; set; }

    public static readonly byte[] FixedKey = SHA256.HashData("a stateless deployment's one signing key"u8);

    public static string Issue(Guid userId, long version = 1)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new StatelessClaims
        {
            iss = BenchHost.Issuer, aud = BenchHost.Audience, sub = userId.ToString(), sid = Guid.NewGuid().ToString(),
            jti = Guid.NewGuid().ToString("N"), ver = version, iat = now, nbf = now, exp = now + 7200, role = "user",
        };
        return JWT.Encode(JsonSerializer.Serialize(claims), FixedKey, JwsAlgorithm.HS256,
            new Dictionary<string, object> { ["typ"] = "at+jwt", ["kid"] = "fixed" });
    }

    /// <summary>What a stateless service does per request: verify, then check expiry, issuer and audience.</summary>
    public static StatelessClaims? Validate(string token)
    {
        var claims = JWT.Decode<StatelessClaims>(token, FixedKey, JwsAlgorithm.HS256);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return claims.exp + 30 > now && claims.nbf - 30 <= now && claims.iss == BenchHost.Issuer && claims.aud == BenchHost.Audience
            ? claims
            : null;
    }
}
