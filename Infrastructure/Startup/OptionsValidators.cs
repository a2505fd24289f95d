using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Accounts;
using TokenVersioning.Infrastructure.Caching;

namespace TokenVersioning.Infrastructure.Startup;

internal sealed class RevocationCacheOptionsValidator : IValidateOptions<RevocationCacheOptions>
{
    public ValidateOptionsResult Validate(string? name, RevocationCacheOptions options)
    {
        var errors = new List<string>();
        if (options.MaxEntryAge <= TimeSpan.Zero) errors.Add("RevocationCache:MaxEntryAge must be a positive TimeSpan.");
        if (options.MaxStaleness <= TimeSpan.Zero) errors.Add("RevocationCache:MaxStaleness must be a positive TimeSpan.");
        if (options.SizeLimit < 1) errors.Add("RevocationCache:SizeLimit must be at least 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class BootstrapOptionsValidator : IValidateOptions<BootstrapOptions>
{
    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        if (options.AdminEmail is null) return ValidateOptionsResult.Success;
        if (options.AdminPassword is not { Length: >= 12 and <= 128 })
            return ValidateOptionsResult.Fail("Bootstrap:AdminPassword must be 12 to 128 characters when Bootstrap:AdminEmail is set.");
        return ValidateOptionsResult.Success;
    }
}

internal sealed class RateLimitingOptionsValidator : IValidateOptions<RateLimitingOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitingOptions options)
    {
        var errors = new List<string>();
        if (options.LoginFailuresPerAccount < 1) errors.Add("RateLimiting:LoginFailuresPerAccount must be at least 1.");
        if (options.LoginFailureWindow <= TimeSpan.Zero) errors.Add("RateLimiting:LoginFailureWindow must be a positive TimeSpan.");
        if (options.LoginPerMinutePerClient < 1 || options.RegisterPerMinutePerClient < 1 || options.RefreshPerMinutePerClient < 1)
            errors.Add("RateLimiting:*PerMinutePerClient must be at least 1.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
