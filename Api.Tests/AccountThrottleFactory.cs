using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

public sealed class AccountThrottleFactory() : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        base.Settings().Where(s => s.Key != "RateLimiting:Enabled").Append(new("RateLimiting:Enabled", "true"));
}
