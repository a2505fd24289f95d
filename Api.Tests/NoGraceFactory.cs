using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

public sealed class NoGraceFactory() : ApiFactory
{
    protected override void Edit(Dictionary<string, string> settings) => settings["Tokens:RefreshReuseGrace"] = "00:00:00";
}
