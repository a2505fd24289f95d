using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Revocation;

internal sealed class RevocationPropagationOptionsValidator : IValidateOptions<RevocationPropagationOptions>
{
    public ValidateOptionsResult Validate(string? name, RevocationPropagationOptions options)
    {
        var errors = new List<string>();
        if (options.Redis is { } redis && string.IsNullOrWhiteSpace(redis)) errors.Add("Invalidation:Redis must not be blank when set.");
        if (string.IsNullOrWhiteSpace(options.Channel)) errors.Add("Invalidation:Channel must not be empty.");
        if (options.PollInterval <= TimeSpan.Zero) errors.Add("Invalidation:PollInterval must be a positive TimeSpan.");
        if (options.LogRetention < TimeSpan.FromMinutes(1)) errors.Add("Invalidation:LogRetention must be at least one minute.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
