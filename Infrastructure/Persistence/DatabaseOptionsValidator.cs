using Microsoft.Extensions.Options;

namespace TokenVersioning.Infrastructure.Persistence;

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        options.Timeout > TimeSpan.Zero && options.Timeout <= TimeSpan.FromMinutes(5)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Database:Timeout must be a positive TimeSpan of at most five minutes.");
}
