using Microsoft.Extensions.Options;

namespace TokenVersioning.Client;

/// <summary>Refuses a configuration that cannot hold the promise; start-up stops with the key's name.</summary>
internal sealed class TokenVersioningOptionsValidator(string section) : IValidateOptions<TokenVersioningOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenVersioningOptions options)
    {
        var errors = new List<string>();
        if (options.Authority is not { IsAbsoluteUri: true } authority || authority.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(authority.Query))
            errors.Add($"{section}:Authority must be the service's absolute http(s) URL, e.g. https://auth.example.com.");
        if (string.IsNullOrWhiteSpace(options.ClientId)) errors.Add($"{section}:ClientId is required (an API client of the service).");
        if (string.IsNullOrWhiteSpace(options.ClientSecret)) errors.Add($"{section}:ClientSecret is required.");
        if (options.MaxStaleness < TimeSpan.FromSeconds(1)) errors.Add($"{section}:MaxStaleness must be at least 1 second (and exceed the service's heartbeat interval).");
        if (options.CacheSize is < 1 or > 10_000_000) errors.Add($"{section}:CacheSize must be 1 to 10000000.");
        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(1)) errors.Add($"{section}:RequestTimeout must be above 0 and at most 1 minute.");
        if (options.MaxConcurrentChecks is < 1 or > 10_000) errors.Add($"{section}:MaxConcurrentChecks must be 1 to 10000.");
        if (options.ReconnectDelay <= TimeSpan.Zero || options.MaxReconnectDelay < options.ReconnectDelay)
            errors.Add($"{section}:ReconnectDelay must be above 0 and at most {section}:MaxReconnectDelay.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
