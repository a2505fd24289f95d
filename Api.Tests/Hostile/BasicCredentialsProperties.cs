using System.Text;
using CsCheck;
using TokenVersioning.Infrastructure.Clients;

namespace TokenVersioning.Api.Tests.Hostile;

/// <summary>The HTTP Basic parser on generated input (seeded): total, and exact on what it accepts.</summary>
public sealed class BasicCredentialsProperties
{
    private const ulong Seed = 20261125;
    private const int Cases = 50_000;

    private static readonly Gen<string> Anything = Gen.Frequency(
        (3, Gen.String[Gen.Char, 0, 80].Select(s => "Basic " + s)),
        (3, Gen.String[Gen.Char, 0, 60].Select(s => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(s)))),
        (2, Gen.Byte.Array[0, 60].Select(b => "Basic " + Convert.ToBase64String(b))),
        (1, Gen.String[Gen.Char, 0, 80]),
        (1, Gen.String[Gen.Char.AlphaNumeric, 0, 20].Select(s => $"basic   {s}==")));

    /// <summary>Ids and secrets that survive UTF-8 (no lone surrogates), as any real one does.</summary>
    private static readonly Gen<(string Id, string Secret)> Pairs =
        Gen.Select(Gen.String[Gen.Char, 1, 30], Gen.String[Gen.Char, 1, 60]).Where(p => SurvivesUtf8(p.Item1) && SurvivesUtf8(p.Item2));

    [Fact]
    public void AnyHeaderValue_GivesCredentialsOrNull_NeverAnException()
    {
        var pcg = new PCG(3, Seed);
        for (var i = 0; i < Cases; i++)
        {
            var header = Anything.Generate(pcg, null, out _);
            var parsed = Record.Exception(() => BasicCredentials.Parse(header));
            Assert.True(parsed is null, $"case {i} of seed {Seed}: {parsed?.GetType().Name} on {System.Text.Json.JsonSerializer.Serialize(header)}");
        }
    }

    [Fact]
    public void FormEncodedPairs_RoundTrip()
    {
        var pcg = new PCG(4, Seed);
        for (var i = 0; i < Cases; i++)
        {
            var (id, secret) = Pairs.Generate(pcg, null, out _);
            var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(id)}:{Uri.EscapeDataString(secret)}"));

            Assert.Equal(new BasicCredentials(id, secret), BasicCredentials.Parse(header));
        }
    }

    private static bool SurvivesUtf8(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)) == text;
}
