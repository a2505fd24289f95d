using Microsoft.Extensions.Options;

namespace TokenVersioning.Api.Events;

internal sealed class EventsOptionsValidator : IValidateOptions<EventsOptions>
{
    public ValidateOptionsResult Validate(string? name, EventsOptions options) =>
        options.HeartbeatInterval <= TimeSpan.Zero || options.HeartbeatInterval > TimeSpan.FromMinutes(10)
            ? ValidateOptionsResult.Fail("Events:HeartbeatInterval must be positive and at most 00:10:00.")
            : ValidateOptionsResult.Success;
}
