using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>Every message names the configuration key to fix.</summary>
internal sealed class TokenOptionsValidator(IHostEnvironment environment) : IValidateOptions<TokenOptions>
{
    public const int MinSecretBytes = 32;

    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        var errors = new List<string>();
        ValidateIssuer(errors, options.Issuer);
        if (string.IsNullOrWhiteSpace(options.Audience)) errors.Add("Tokens:Audience must not be empty.");
        RequirePositive(errors, "Tokens:AccessTokenLifetime", options.AccessTokenLifetime);
        RequirePositive(errors, "Tokens:RefreshTokenLifetime", options.RefreshTokenLifetime);
        RequirePositive(errors, "Tokens:SessionIdleTimeout", options.SessionIdleTimeout);
        if (options.RefreshReuseGrace < TimeSpan.Zero) errors.Add("Tokens:RefreshReuseGrace must not be negative.");
        if (options.ClockSkew < TimeSpan.Zero) errors.Add("Tokens:ClockSkew must not be negative.");
        if (options.MaxTokenLength is < 256 or > 65536) errors.Add("Tokens:MaxTokenLength must be between 256 and 65536.");
        ValidateKeys(errors, options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>
    /// The issuer is the service's public URL (RFC 8414: clients find the metadata under it and compare it): https
    /// outside Development, where the default is the URL the service listens on.
    /// </summary>
    private void ValidateIssuer(List<string> errors, string issuer)
    {
        var https = !environment.IsDevelopment();
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || (https && uri.Scheme != "https")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors.Add(https
                ? $"Tokens:Issuer '{issuer}' must be the service's public https URL (for example https://auth.example.com) outside Development."
                : $"Tokens:Issuer '{issuer}' must be an absolute http or https URL.");
        }
    }

    private static void ValidateKeys(List<string> errors, TokenOptions options)
    {
        if (options.SigningKeys.Count == 0)
        {
            errors.Add("Tokens:SigningKeys is empty: configure at least one master key " +
                       "(Tokens:SigningKeys:0:Id and Tokens:SigningKeys:0:Secret, a base64 secret of 32+ bytes).");
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            var key = options.SigningKeys[i];
            if (string.IsNullOrWhiteSpace(key.Id) || key.Id.Length > 64)
                errors.Add($"Tokens:SigningKeys:{i}:Id must be 1 to 64 characters.");
            else if (!ids.Add(key.Id))
                errors.Add($"Tokens:SigningKeys:{i}:Id '{key.Id}' is used twice.");
            if (!IsStrongSecret(key.Secret))
                errors.Add($"Tokens:SigningKeys:{i}:Secret must be base64 of at least {MinSecretBytes} bytes.");
        }

        if (options.ActiveKeyId is null)
        {
            if (options.SigningKeys.Count > 1)
                errors.Add("Tokens:ActiveKeyId must name one of Tokens:SigningKeys when more than one key is configured.");
        }
        else if (!ids.Contains(options.ActiveKeyId))
        {
            errors.Add($"Tokens:ActiveKeyId '{options.ActiveKeyId}' is not among Tokens:SigningKeys.");
        }
    }

    private static bool IsStrongSecret(string secret)
    {
        var buffer = new byte[(secret.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(secret, buffer, out var written) && written >= MinSecretBytes;
    }

    private static void RequirePositive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) errors.Add($"{key} must be a positive TimeSpan.");
    }
}
