using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>A host with rate limits and sign-in protection on, as in production.</summary>
public sealed class AccountThrottleFactory() : ApiFactory
{
    protected override void Edit(Dictionary<string, string> settings)
    {
        settings["RateLimiting:Enabled"] = "true";
        settings["SignIn:Enabled"] = "true";
    }
}
