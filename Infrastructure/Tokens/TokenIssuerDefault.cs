using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>
/// In Development, an unset <c>Tokens:Issuer</c> is the first URL the service listens on (<c>http://localhost:5080</c>
/// from the launch profile). Elsewhere it has no default: it must be set to the public https URL.
/// </summary>
internal sealed class TokenIssuerDefault(IHostEnvironment environment, IConfiguration configuration) : IPostConfigureOptions<TokenOptions>
{
    private const string Fallback = "http://localhost:5080";

    public void PostConfigure(string? name, TokenOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Issuer))
        {
            options.Issuer = options.Issuer.TrimEnd('/');
            return;
        }

        if (!environment.IsDevelopment()) return;
        var first = configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("://*", "://localhost").Replace("://+", "://localhost"), UriKind.Absolute, out var url))
        {
            options.Issuer = Fallback;
            return;
        }

        var host = url.Host is "0.0.0.0" or "[::]" ? "localhost" : url.Host;
        options.Issuer = new UriBuilder(url.Scheme, host, url.Port).Uri.GetLeftPart(UriPartial.Authority);
    }
}
