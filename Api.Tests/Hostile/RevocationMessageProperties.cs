using CsCheck;
using TokenVersioning.Infrastructure.Revocation;

namespace TokenVersioning.Api.Tests.Hostile;

/// <summary>
/// The fast channel's message parser on generated input (seeded): anyone who can publish on the Redis channel
/// writes its input, so it is total, and exact on what the service itself writes.
/// </summary>
public sealed class RevocationMessageProperties
{
    private const ulong Seed = 20261123;
    private const int Cases = 50_000;

    private static readonly Gen<RevocationMessage> Messages = Gen.Select(
        Gen.Guid, Gen.Long[0, long.MaxValue], Gen.Long[0, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()],
        Gen.Int[0, 3].Select(k => new[] { "logout", "user_disabled", "user_deleted", "a_future_event" }[k]),
        (user, version, millis, name) => new RevocationMessage(user, version, DateTimeOffset.FromUnixTimeMilliseconds(millis), name));

    private static readonly Gen<string> Anything = Gen.Frequency(
        (3, Gen.String[Gen.Char, 0, 120]),
        (3, Gen.String[Gen.Char["0123456789abcdef:-+ "], 0, 90]),
        (2, Messages.Select(Gen.Int[0, 70], Gen.Char, (m, at, c) => Edit(m.ToString(), at, c))),
        (1, Gen.String[Gen.Char, 190, 400]));

    [Fact]
    public void AnyText_GivesAMessageOrNull_NeverAnException()
    {
        var pcg = new PCG(5, Seed);
        for (var i = 0; i < Cases; i++)
        {
            var text = Anything.Generate(pcg, null, out _);
            var failure = Record.Exception(() => RevocationMessage.Parse(text));
            Assert.True(failure is null, $"case {i} of seed {Seed}: {failure?.GetType().Name} on {System.Text.Json.JsonSerializer.Serialize(text)}");
        }
    }

    [Fact]
    public void WhatTheServiceWrites_RoundTrips()
    {
        var pcg = new PCG(6, Seed);
        for (var i = 0; i < Cases; i++)
        {
            var message = Messages.Generate(pcg, null, out _);

            Assert.Equal(message, RevocationMessage.Parse(message.ToString()));
        }
    }

    [Fact]
    public void AMessageWithoutItsEvent_IsNotRead()
    {
        var user = Guid.NewGuid();

        Assert.Null(RevocationMessage.Parse($"{user:N}:7:1700000000000"));
        Assert.Equal(new RevocationMessage(user, 7, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), "logout"),
            RevocationMessage.Parse($"{user:N}:7:1700000000000:logout"));
    }

    /// <summary>The text with one character replaced (or appended, past the end).</summary>
    private static string Edit(string text, int at, char c) =>
        at < text.Length ? string.Concat(text.AsSpan(0, at), c.ToString(), text.AsSpan(at + 1)) : text + c;
}
