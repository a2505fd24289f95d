using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Sessions;

internal sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options) =>
        options.MaxPerUser is < 1
            ? ValidateOptionsResult.Fail("Sessions:MaxPerUser must be at least 1 (or unset for no cap).")
            : ValidateOptionsResult.Success;
}
