using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>A host with rate limits and sign-in protection on, as in production.</summary>
public sealed class AccountThrottleFactory() : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        base.Settings().Where(s => s.Key is not ("RateLimiting:Enabled" or "SignIn:Enabled"))
            .Append(new("RateLimiting:Enabled", "true"))
            .Append(new("SignIn:Enabled", "true"));
}
