using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Domain.Users;
using TokenVersioning.Domain.Errors;
using TokenVersioning.Infrastructure.Accounts;
using TokenVersioning.Infrastructure.Sessions;
using TokenVersioning.Api.Tests.Support;
using Xunit.Abstractions;

namespace TokenVersioning.Api.Tests;

/// <summary>
/// Sign-in protection with the defaults (5 free failures, then 1 s doubling) on the fake clock: an attacker slows
/// down, the real user at an address they signed in from before does not, and nobody is locked out. They run
/// alone: one of them compares response times, which the rest of the suite running beside it would blur (the
/// whole suite plus a busy loop once moved a median by 44 %).
/// </summary>
[Collection(Alone)]
public sealed class SignInProtectionTests(AccountThrottleFactory factory, ITestOutputHelper output)
    : ApiTest(factory), IClassFixture<AccountThrottleFactory>
{
    public const string Alone = "sign-in protection, alone";

    private const int FreeFailures = 5;

    // Each test has addresses of its own: the per-client limit (30 logins a minute) is not under test here.
    [Fact]
    public async Task AnAttacker_GetsFiveChecks_ThenWaitsADoublingDelay_AndNeverHasThePasswordChecked_WhileWaiting()
    {
        var account = await NewAccountAsync();
        using var attacker = Factory.From("127.0.1.2");
        var checks = Factory.PasswordHasher.Verifications;

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++) answers.Add((await GuessAsync(attacker, account.Email)).StatusCode);
        var checkedFirst = Factory.PasswordHasher.Verifications - checks;
        var rightPasswordWhileWaiting = await attacker.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password });

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, FreeFailures).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 10)), answers);
        Assert.Equal(FreeFailures, checkedFirst);
        await AssertWaitAsync(rightPasswordWhileWaiting, TimeSpan.FromSeconds(1));

        // Each further failure doubles the wait: one check per wait, and the Retry-After grows.
        var waits = new List<TimeSpan>();
        var wait = TimeSpan.FromSeconds(1);
        for (var round = 0; round < 4; round++)
        {
            Factory.Time.Advance(wait);
            await AssertProblemAsync(await GuessAsync(attacker, account.Email), HttpStatusCode.Unauthorized, "invalid_credentials");
            var refused = await GuessAsync(attacker, account.Email);
            wait = (await AssertWaitAsync(refused, null))!.Value;
            waits.Add(wait);
        }

        Assert.Equal([2, 4, 8, 16], waits.Select(w => (int)w.TotalSeconds));
        Assert.Equal(FreeFailures + 4, Factory.PasswordHasher.Verifications - checks);
    }

    [Fact]
    public async Task TheRealUser_AtAnAddressTheySignedInFromBefore_SignsInDuringAnAttack()
    {
        var account = await NewAccountAsync();
        using var user = Factory.From("127.0.2.3");
        using var attacker = Factory.From("127.0.2.2");
        Assert.Equal(HttpStatusCode.OK, (await user.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password })).StatusCode);

        for (var i = 0; i < 25; i++) await GuessAsync(attacker, account.Email);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GuessAsync(attacker, account.Email)).StatusCode);
        var typo = await GuessAsync(user, account.Email);
        var signedIn = await user.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password });

        await AssertProblemAsync(typo, HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GuessAsync(attacker, account.Email)).StatusCode);
    }

    [Fact]
    public async Task AKnownAddress_HasItsOwnBudget_AndWaitsTooWhenItIsSpent()
    {
        var account = await NewAccountAsync();
        using var known = Factory.From("127.0.3.3");
        Assert.Equal(HttpStatusCode.OK, (await known.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password })).StatusCode);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++) answers.Add((await GuessAsync(known, account.Email)).StatusCode);
        using var elsewhere = Factory.From("127.0.3.4");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), answers);
        // The account's own counter was not touched: another address still has its free checks.
        await AssertProblemAsync(await GuessAsync(elsewhere, account.Email), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task AnAdminUnlock_ClearsTheCounter_AndIsAudited()
    {
        var account = await NewAccountAsync();
        var admin = await LoginAsync(await CreateAdminAsync());
        using var attacker = Factory.From("127.0.4.2");
        for (var i = 0; i < 10; i++) await GuessAsync(attacker, account.Email);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await GuessAsync(attacker, account.Email)).StatusCode);
        var versionBefore = (await UserRowAsync(account.Id)).TokenVersion;

        var unlock = await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/unlock", admin.AccessToken);
        var again = await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/unlock", admin.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        await AssertProblemAsync(await GuessAsync(attacker, account.Email), HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(HttpStatusCode.OK, (await attacker.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password })).StatusCode);
        var audit = await WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.UserId == account.Id && a.Event == "sign_in_unlocked").ToListAsync());
        Assert.NotNull(Assert.Single(audit).ActorId);
        Assert.Equal(versionBefore, (await UserRowAsync(account.Id)).TokenVersion); // an unlock revokes nothing
    }

    [Fact]
    public async Task UnlockingAUserWhoDoesNotExist_IsA404Problem()
    {
        var admin = await LoginAsync(await CreateAdminAsync());

        var response = await SendAsync(HttpMethod.Post, $"/api/admin/users/{Guid.NewGuid()}/unlock", admin.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "user_not_found");
    }

    [Fact]
    public async Task AnUnknownEmailAndAWrongPassword_GetTheSameAnswer_InTheSameTime()
    {
        // Enough rounds for a median that a busy machine does not move by a quarter (an unknown email against
        // another unknown email, under two busy loops: up to 18 % apart at 60 rounds), each from an address of
        // its own (the per-client limit), and the two in either order (the second of a pair is not the slow one).
        const int rounds = 40;
        var accounts = new List<Account>();
        for (var i = 0; i < rounds; i++) accounts.Add(await NewAccountAsync());
        // As on a real clock, time moves between an attempt's charge and its failure, by more than SQLite's 100 µs
        // resolution of a stored time (a password check takes milliseconds): the failure's write changes the
        // counter only when it does.
        Factory.Time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1);
        var unknown = new List<double>();
        var wrong = new List<double>();

        for (var i = 0; i < rounds; i++)
        {
            using var client = Factory.From($"127.0.5.{i + 1}");
            var (first, second) = i % 2 == 0 ? (NewEmail(), accounts[i].Email) : (accounts[i].Email, NewEmail());
            var clock = Stopwatch.StartNew();
            var a = await GuessAsync(client, first);
            var took = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var b = await GuessAsync(client, second);
            (i % 2 == 0 ? unknown : wrong).Add(took);
            (i % 2 == 0 ? wrong : unknown).Add(clock.Elapsed.TotalMilliseconds);

            var problemA = await AssertProblemAsync(a, HttpStatusCode.Unauthorized, "invalid_credentials");
            var problemB = await AssertProblemAsync(b, HttpStatusCode.Unauthorized, "invalid_credentials");
            Assert.Equal(problemA.GetProperty("detail").GetString(), problemB.GetProperty("detail").GetString());
        }

        Factory.Time.AutoAdvanceAmount = TimeSpan.Zero;
        var (u, w) = (Median(unknown), Median(wrong));
        output.WriteLine($"median login: unknown email {u:F1} ms, wrong password {w:F1} ms, difference {Math.Abs(u - w):F1} ms ({Math.Abs(u - w) / w:P0})");
        Assert.True(Math.Abs(u - w) < Math.Max(5, 0.25 * w), $"unknown email {u:F1} ms vs wrong password {w:F1} ms");
    }

    /// <summary>
    /// Timing alone is a weak witness on a busy machine, so the calls themselves: a wrong password and an unknown
    /// email send the database the same sequence (each a read, a write or a transaction), so neither answer can
    /// take a round trip or a commit longer than the other.
    /// </summary>
    [Fact]
    public async Task AnUnknownEmailAndAWrongPassword_SendTheDatabaseTheSameCalls()
    {
        var account = await NewAccountAsync();
        Factory.Time.AutoAdvanceAmount = TimeSpan.FromMilliseconds(1); // as above: the failure's write changes the counter

        var unknown = await FailedLoginCallsAsync(NewEmail(), "127.0.6.1");
        var wrong = await FailedLoginCallsAsync(account.Email, "127.0.6.2");

        Factory.Time.AutoAdvanceAmount = TimeSpan.Zero;
        output.WriteLine($"unknown email: {string.Join(' ', unknown)}\nwrong password: {string.Join(' ', wrong)}");
        Assert.Equal(Shape(unknown), Shape(wrong));
        Assert.DoesNotContain("BEGIN", wrong); // the one write after the check commits on its own

        static string[] Shape(IEnumerable<string> calls) =>
            [.. calls.Select(c => c is "INSERT" or "UPDATE" or "DELETE" ? "write" : c)];
    }

    private async Task<IReadOnlyList<string>> FailedLoginCallsAsync(string email, string address)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        return await DatabaseCalls.Record(() => Assert.ThrowsAsync<AuthenticationFailedException>(() =>
            accounts.LoginAsync(email, $"wrong guess {Guid.NewGuid():N}", null, new ClientDevice(address, "test"), false, CancellationToken.None)));
    }

    [Fact]
    public async Task ANormalUserOnAFewDevices_NeverSees429()
    {
        var account = await NewAccountAsync();
        var mistyped = await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "oops, caps lock on" });
        Assert.Equal(HttpStatusCode.Unauthorized, mistyped.StatusCode);

        foreach (var device in new[] { "laptop", "phone", "tablet", "work" })
        {
            var tokens = await LoginAsync(account, device);
            for (var i = 0; i < 3; i++) tokens = await RefreshOkAsync(tokens.RefreshToken);
        }
    }

    /// <summary>An account made without the register route, whose per-client limit these many accounts would meet.</summary>
    private async Task<Account> NewAccountAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var email = NewEmail();
        var user = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(email, Password, null, [Role.User], CancellationToken.None);
        return new Account(user.Id, email, Password);
    }

    private static Task<HttpResponseMessage> GuessAsync(HttpClient client, string email) =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password = $"wrong guess {Guid.NewGuid():N}" });

    /// <summary>Asserts a 429 too_many_attempts; returns its Retry-After (checked against <paramref name="expected"/> when given).</summary>
    private static async Task<TimeSpan?> AssertWaitAsync(HttpResponseMessage response, TimeSpan? expected)
    {
        await AssertProblemAsync(response, HttpStatusCode.TooManyRequests, "too_many_attempts");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        if (expected is { } wait) Assert.Equal(wait, retryAfter);
        return retryAfter;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

[CollectionDefinition(SignInProtectionTests.Alone, DisableParallelization = true)]
public sealed class SignInProtectionCollection;
