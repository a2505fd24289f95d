namespace TokenVersioning.Infrastructure.Tokens;

public sealed class TokenOptions
{
    public const string Section = "Tokens";

    /// <summary>The service's public URL, written as <c>iss</c> and served as the RFC 8414 issuer; see <see cref="TokenIssuerDefault"/>.</summary>
    public string Issuer { get; set; } = "";
    public string Audience { get; set; } = "tokenversioning-api";
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromDays(14);
    public TimeSpan RefreshReuseGrace { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];
    public string? ActiveKeyId { get; set; }

    /// <summary>Tokens longer than this are refused before any parsing.</summary>
    public int MaxTokenLength { get; set; } = 4096;
}
