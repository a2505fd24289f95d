using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Caching;

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
