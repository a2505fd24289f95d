using System.Net;
using System.Net.Http.Json;
using TokenVersioning.Api.Tests.Support;
using Xunit.Abstractions;

namespace TokenVersioning.Api.Tests.Cluster;

/// <summary>
/// Sign-in protection on two nodes sharing PostgreSQL: the count is the database's, so two nodes do not give an
/// attacker two budgets, and concurrent guesses on both cannot check more passwords than the rule allows.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Servers", "Postgres+Redis")]
public sealed class SignInAcrossNodesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int FreeFailures = 5;
    private const int Guesses = 1_000;

    // A first wait of a minute: no wait can run out during the attack, so exactly the free checks get through.
    private static readonly Dictionary<string, string> Protection = new()
    {
        ["SignIn:Enabled"] = "true", ["SignIn:FreeFailures"] = FreeFailures.ToString(), ["SignIn:BaseDelay"] = "00:01:00",
    };

    private readonly Cluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task AThousandGuessesOverTwoNodes_CheckOnlyTheFreeFailures_TheRealUserSignsIn_AndAnUnlockClearsTheCount()
    {
        var a = await _cluster.NodeAsync(TimeSpan.FromMilliseconds(200), more: Protection);
        var b = await _cluster.NodeAsync(TimeSpan.FromMilliseconds(200), more: Protection);
        var user = await Cluster.SignedInOnBothAsync(a, b); // also signs in once through A, from its address below
        using var userOnA = a.From("127.0.0.3");
        using var userOnB = b.From("127.0.0.3");
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(userOnA, user.Account.Email, ApiTest.Password)).StatusCode);
        using var attackerOnA = a.From("127.0.0.2");
        using var attackerOnB = b.From("127.0.0.2");
        var checksBefore = Checks(a, b);

        // The attack: eight at a time, alternating nodes. Meanwhile the user signs in through B.
        var answers = new List<HttpResponseMessage>();
        var attack = Task.Run(async () =>
        {
            for (var batch = 0; batch < Guesses / 8; batch++)
            {
                var guesses = Enumerable.Range(0, 8).Select(i =>
                    SignInAsync((batch * 8 + i) % 2 == 0 ? attackerOnA : attackerOnB, user.Account.Email, $"guess {batch}-{i}"));
                lock (answers) answers.AddRange(Task.WhenAll(guesses).Result);
            }
        });
        await Eventually.TrueAsync(() => { lock (answers) return answers.Count >= 100; }, TimeSpan.FromSeconds(30), "the attack did not start");
        var duringAttack = await SignInAsync(userOnB, user.Account.Email, ApiTest.Password);
        await attack;
        var checkedByAttack = Checks(a, b) - checksBefore - 1; // the user's own sign-in was one check

        Assert.Equal(HttpStatusCode.OK, duringAttack.StatusCode);
        Assert.Equal(Guesses, answers.Count);
        output.WriteLine($"{Guesses} guesses over two nodes: {checkedByAttack} passwords checked, " +
                         $"{answers.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests)} answered 429");
        Assert.True(checkedByAttack <= FreeFailures, $"{checkedByAttack} passwords were checked for the attacker");
        Assert.Equal(FreeFailures, answers.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        foreach (var refused in answers.Where(r => r.StatusCode != HttpStatusCode.Unauthorized))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("too_many_attempts", await refused.Content.ReadAsStringAsync());
            var wait = refused.Headers.RetryAfter?.Delta;
            Assert.True(wait > TimeSpan.Zero && wait <= TimeSpan.FromMinutes(1), $"Retry-After {wait}");
        }

        // An admin clears the count through A; B lets the next guess be checked at once.
        var unlock = await Cluster.SendAsync(a, HttpMethod.Post, $"/api/admin/users/{user.Account.Id}/unlock", await Cluster.AdminTokenAsync(a));
        var afterUnlock = await SignInAsync(attackerOnB, user.Account.Email, "one more guess");

        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterUnlock.StatusCode);
    }

    private static int Checks(ClusterNode a, ClusterNode b) => a.PasswordHasher.Verifications + b.PasswordHasher.Verifications;

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password });
}
