using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Accounts;

internal sealed class LoginThrottleOptionsValidator : IValidateOptions<LoginThrottleOptions>
{
    public ValidateOptionsResult Validate(string? name, LoginThrottleOptions options)
    {
        var errors = new List<string>();
        if (options.LoginFailuresPerAccount < 1) errors.Add("RateLimiting:LoginFailuresPerAccount must be at least 1.");
        if (options.LoginFailureWindow <= TimeSpan.Zero) errors.Add("RateLimiting:LoginFailureWindow must be a positive TimeSpan.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
