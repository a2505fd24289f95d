using CsCheck;
using TokenVersioning.Domain.Sessions;

namespace TokenVersioning.Api.Tests.Hostile;

/// <summary>
/// The <c>User-Agent</c> is the client's to choose: generated texts (seeded) never make the description throw,
/// and what is kept is printable text within its bounds; known agents are named.
/// </summary>
public sealed class DeviceDescriptionProperties
{
    private static readonly Gen<string> Agents = Gen.Frequency(
        (3, Gen.String[Gen.Char, 0, 700]),
        (2, Gen.Select(Gen.OneOf<string>("Mozilla/5.0 (", "Chrome/", "Firefox/", "iPhone", "Android ", "curl/", "Edg/", "\uD83D\uDE00", "\0", "\r\n"),
            Gen.String[Gen.Char, 0, 40]).Array[1, 8].Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2)))),
        (1, Gen.Const("")));

    private const ulong Seed = 20261201;
    private const int Cases = 5_000;

    [Fact]
    public void AnyUserAgent_GivesPrintableBoundedTextOrNothing_NeverAnException()
    {
        var pcg = new PCG(7, Seed);
        for (var i = 0; i < Cases; i++)
        {
            var agent = Agents.Generate(pcg, null, out _);
            var cleaned = DeviceDescription.Clean(agent);
            var described = DeviceDescription.Describe(agent);
            foreach (var text in new[] { cleaned, described })
            {
                if (text is null) continue;
                Assert.DoesNotContain(text, char.IsControl);
                Assert.True(text.Length > 0 && text == text.Trim());
                for (var c = 0; c < text.Length; c++)
                {
                    if (char.IsHighSurrogate(text[c])) Assert.True(char.IsLowSurrogate(text[++c]));
                    else Assert.False(char.IsLowSurrogate(text[c]));
                }
            }

            Assert.True((cleaned?.Length ?? 0) <= Session.UserAgentMaxLength, $"case {i} of seed {Seed}");
            Assert.True((described?.Length ?? 0) <= DeviceDescription.MaxLength, $"case {i} of seed {Seed}");
        }
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on Windows")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1", "Chrome on iPhone")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("OrdersService/2.1 (+https://example.com)", "OrdersService")]
    [InlineData("   ", null)]
    public void KnownAgents_AreNamed(string agent, string? expected) => Assert.Equal(expected, DeviceDescription.Describe(agent));
}
