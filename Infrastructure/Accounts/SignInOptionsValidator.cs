using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Accounts;

internal sealed class SignInOptionsValidator : IValidateOptions<SignInOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInOptions options)
    {
        var errors = new List<string>();
        if (options.FreeFailures < 1) errors.Add("SignIn:FreeFailures must be at least 1.");
        if (options.KnownDeviceFreeFailures < 1) errors.Add("SignIn:KnownDeviceFreeFailures must be at least 1.");
        if (options.BaseDelay <= TimeSpan.Zero) errors.Add("SignIn:BaseDelay must be positive.");
        if (options.MaxDelay < options.BaseDelay) errors.Add("SignIn:MaxDelay must be at least SignIn:BaseDelay.");
        if (options.FailureWindow <= TimeSpan.Zero) errors.Add("SignIn:FailureWindow must be positive.");
        if (options.KnownDeviceWindow <= TimeSpan.Zero) errors.Add("SignIn:KnownDeviceWindow must be positive.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
