using System.Net;
using System.Text;
using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TokenVersioning.Client;

namespace TokenVersioning.Api.Tests.ResourceServer;

/// <summary>
/// The package treats the network as hostile (seeded, generated cases): whatever the event stream sends, reading
/// it throws nothing but the one error that ends the connection, and an event it cannot read drops every cached
/// verdict; whatever the service answers a check, nothing escapes, and only the contract's exact acceptance is one.
/// </summary>
public sealed class ClientParsingProperties
{
    private const ulong Seed = 20261201;

    private static readonly Guid User = Guid.Parse("0192f000-0000-7000-8000-000000000001");

    private static readonly Gen<string> Lines = Gen.Frequency(
        (3, Gen.OneOf<string>("", ": keep-alive", "id: 7", "event: reset", "data: {}", "data: {\"userId\":\"0192f000-0000-7000-8000-000000000001\",\"tokenVersion\":5}",
            "data: {\"userId\":\"x\",\"tokenVersion\":5}", "data: [1,2]", "data: null", "retry: 10", "id", "data", ":", "event:", "data: {\"userId\":1}")),
        (2, Gen.String[Gen.Char, 0, 80]),
        (1, Gen.Select(Gen.OneOf<string>("data: ", "id: ", "event: "), Gen.String[Gen.Char, 0, 200], (f, v) => f + v)));

    private static readonly Gen<string> Ends = Gen.OneOf<string>("\n", "\r\n", "\r", "\n\n");

    private static readonly Gen<byte[]> Streams = Gen.Frequency(
        (6, Gen.Select(Lines, Ends).Array[0, 30].Select(lines => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l.Item1 + l.Item2))))),
        (1, Gen.Byte.Array[0, 2000]),
        (1, Gen.Int[EventStreamReader.MaxLine, EventStreamReader.MaxLine + 5000].Select(n => Encoding.UTF8.GetBytes("data: " + new string('a', n)))));

    [Fact]
    public async Task AnyEventStream_ThrowsNothingButTheEndOfTheConnection_AndNeverKeepsAVerdictAnUnreadableEventMightHaveRevoked()
    {
        var pcg = new PCG(13, Seed);
        for (var i = 0; i < 3_000; i++)
        {
            var bytes = Streams.Generate(pcg, null, out _);
            var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
            var cache = new VerdictCache(100, time);
            var key = new TokenKey(1, 2, 3, (ulong)i);
            cache.Add(key, new Verdict(User, Guid.NewGuid(), 1, ["user"], time.GetUtcNow().ToUnixTimeSeconds() + 600));
            var events = new RevocationEvents(cache, new StreamConfirmation(time), new OnceLogger(NullLogger.Instance));
            var reader = new EventStreamReader(new MemoryStream(bytes));
            try
            {
                while (await reader.ReadLineAsync(CancellationToken.None) is { } line) events.Line(line);
                events.Line("");
            }
            catch (InvalidDataException)
            {
                // the follower ends this connection and reconnects
            }

            var text = Encoding.UTF8.GetString(bytes);
            // The verdict survives only if no event could have revoked its user: none for that user, none unreadable.
            if (cache.Get(key) is not null)
            {
                Assert.False(text.Contains("event: reset", StringComparison.Ordinal) && text.Contains('\n'), $"case {i}: a reset kept a verdict");
            }
        }
    }

    [Fact]
    public void AnEventForTheUser_DropsItsVerdicts_AResetDropsAll_AndAnUnreadableOneDropsAll()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new VerdictCache(100, time);
        var events = new RevocationEvents(cache, new StreamConfirmation(time), new OnceLogger(NullLogger.Instance));
        var other = Guid.NewGuid();
        void Fill()
        {
            cache.Add(new TokenKey(1, 0, 0, 0), new Verdict(User, Guid.NewGuid(), 4, ["user"], time.GetUtcNow().ToUnixTimeSeconds() + 600));
            cache.Add(new TokenKey(2, 0, 0, 0), new Verdict(other, Guid.NewGuid(), 1, ["user"], time.GetUtcNow().ToUnixTimeSeconds() + 600));
        }

        Fill();
        foreach (var line in new[] { "id: 9", $"data: {{\"userId\":\"{User}\",\"tokenVersion\":5,\"event\":\"logout\"}}", "" }) events.Line(line);
        Assert.Null(cache.Get(new TokenKey(1, 0, 0, 0)));
        Assert.NotNull(cache.Get(new TokenKey(2, 0, 0, 0)));
        Assert.Equal("9", events.LastEventId);
        // A verdict at the new version (the user's next token) is kept.
        cache.Add(new TokenKey(3, 0, 0, 0), new Verdict(User, Guid.NewGuid(), 5, ["user"], time.GetUtcNow().ToUnixTimeSeconds() + 600));
        Assert.NotNull(cache.Get(new TokenKey(3, 0, 0, 0)));

        foreach (var line in new[] { "event: reset", "data: {}", "" }) events.Line(line);
        Assert.Null(cache.Get(new TokenKey(2, 0, 0, 0)));
        Fill();
        foreach (var line in new[] { "id: 10", "data: {not json", "" }) events.Line(line);
        Assert.Null(cache.Get(new TokenKey(2, 0, 0, 0)));
    }

    private static readonly Gen<HttpResponseMessage> Answers = Gen.Frequency(
        (3, Gen.Select(Gen.OneOf(200, 204, 301, 302, 400, 401, 403, 404, 429, 500, 503), Gen.String[Gen.Char, 0, 200],
            Gen.OneOf<string>("application/problem+json", "application/json", "text/html"), (status, body, type) =>
            {
                var answer = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, type) };
                if (status is 301 or 302) answer.Headers.Location = new Uri("http://attacker.example/");
                return answer;
            })),
        (3, Gen.Select(Gen.OneOf<string>("token_revoked", "token_invalid", "accepted", "", "\"", "token_expired\",\"x\":\"", "root"),
            code => new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                Content = new StringContent($"{{\"code\":\"{code}\"}}", Encoding.UTF8, "application/problem+json"),
            })),
        (4, Gen.Select(Gen.OneOf<string>(User.ToString("D"), Guid.NewGuid().ToString("D"), "", "x", User.ToString("N")),
            Gen.OneOf<string>("1", "0", "-1", "2 ", "99999999999999999999", "x"), Gen.OneOf<string>("user", "user,admin", "", "User", "a b", "user,,admin"),
            Gen.Bool, (id, version, roles, twice) =>
            {
                var answer = new HttpResponseMessage(HttpStatusCode.NoContent);
                answer.Headers.TryAddWithoutValidation("X-User-Id", id);
                if (twice) answer.Headers.TryAddWithoutValidation("X-User-Id", id);
                answer.Headers.TryAddWithoutValidation("X-Session-Id", Guid.NewGuid().ToString("D"));
                answer.Headers.TryAddWithoutValidation("X-Token-Version", version);
                answer.Headers.TryAddWithoutValidation("X-User-Roles", roles);
                return answer;
            })));

    [Fact]
    public async Task AnyServiceAnswer_IsAVerdictOrA503_NeverAnExceptionAndOnlyTheExactContractIsAnAcceptance()
    {
        var pcg = new PCG(17, Seed);
        for (var i = 0; i < 3_000; i++)
        {
            var answer = Answers.Generate(pcg, null, out _);
            var description = $"case {i}: {(int)answer.StatusCode} {string.Join("; ", answer.Headers.Select(h => $"{h.Key}={string.Join('|', h.Value)}"))}";
            List<string> Values(string name) => answer.Headers.TryGetValues(name, out var values) ? values.ToList() : [];
            var exact = answer.StatusCode == HttpStatusCode.NoContent
                        && Values("X-User-Id").SequenceEqual([User.ToString("D")])
                        && Values("X-Token-Version") is [var version]
                        && long.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0
                        && Values("X-User-Roles") is ["user" or "user,admin" or ""];
            var check = new ServiceCheck(new HttpClient(new Answering(answer)) { BaseAddress = new Uri("http://service.test/") },
                new TokenVersioningOptions { RequestTimeout = TimeSpan.FromSeconds(5) }, new OnceLogger(NullLogger.Instance));

            var result = await check.CheckAsync("a.b.c", new TokenKey(0, 0, 0, (ulong)i), new TokenFacts(User, long.MaxValue));

            switch (result)
            {
                case CheckResult.Accepted:
                    Assert.True(exact, "accepted: " + description);
                    break;
                case CheckResult.Refused refused:
                    Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
                    Assert.Contains(refused.Code, new[] { "token_missing", "token_invalid", "token_expired", "token_revoked", "user_disabled" });
                    break;
                default:
                    Assert.False(exact, "refused a genuine acceptance: " + description);
                    break;
            }
        }
    }

    private sealed class Answering(HttpResponseMessage answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) => Task.FromResult(answer);
    }
}
