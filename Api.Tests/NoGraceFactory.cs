using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

public sealed class NoGraceFactory() : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        base.Settings().Append(new("Tokens:RefreshReuseGrace", "00:00:00"));
}
