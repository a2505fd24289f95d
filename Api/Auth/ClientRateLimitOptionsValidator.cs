using Microsoft.Extensions.Options;

namespace TokenVersioning.Api.Auth;

internal sealed class ClientRateLimitOptionsValidator : IValidateOptions<ClientRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, ClientRateLimitOptions options) =>
        options.LoginPerMinutePerClient < 1 || options.RegisterPerMinutePerClient < 1 || options.RefreshPerMinutePerClient < 1
            ? ValidateOptionsResult.Fail("RateLimiting:*PerMinutePerClient must be at least 1.")
            : ValidateOptionsResult.Success;
}
