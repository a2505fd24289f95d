using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Startup;

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
