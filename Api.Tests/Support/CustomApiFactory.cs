namespace TokenVersioning.Api.Tests.Support;

/// <summary>A factory with its own environment and settings, for start-up and rate-limit tests.</summary>
public sealed class CustomApiFactory(
    string environment = "Testing",
    Action<Dictionary<string, string>>? edit = null,
    string? directory = null) : ApiFactory(directory)
{
    protected override string Environment => environment;

    protected override void Edit(Dictionary<string, string> settings) => edit?.Invoke(settings);

    public static void WithoutSigningKeys(Dictionary<string, string> settings)
    {
        foreach (var key in settings.Keys.Where(k => k.StartsWith("Tokens:", StringComparison.Ordinal)).ToList()) settings.Remove(key);
    }
}
