using System.Net;
using System.Net.Http.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>The per-account brake and the per-client limits, with rate limiting on as in production.</summary>
public sealed class RateLimitTests(AccountThrottleFactory factory) : ApiTest(factory), IClassFixture<AccountThrottleFactory>
{
    [Fact]
    public async Task BruteForceOnOneAccount_Gets429WithRetryAfter_WithinTwentyFailures()
    {
        var account = await RegisterAsync();
        var responses = new List<HttpResponseMessage>();
        do responses.Add(await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = $"wrong guess {responses.Count:D4}" }));
        while (responses[^1].StatusCode != HttpStatusCode.TooManyRequests && responses.Count < 20);

        foreach (var refused in responses[..^1]) await AssertProblemAsync(refused, HttpStatusCode.Unauthorized, "invalid_credentials");
        var limited = responses[^1];
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must be a positive number of seconds.");
        // Even the right password is refused while the account is locked.
        var right = await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task ANormalUserOnAFewDevices_NeverSees429()
    {
        var account = await RegisterAsync();
        var mistyped = await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "oops, caps lock on" });
        Assert.Equal(HttpStatusCode.Unauthorized, mistyped.StatusCode);

        foreach (var device in new[] { "laptop", "phone", "tablet", "work" })
        {
            var tokens = await LoginAsync(account, device);
            for (var i = 0; i < 3; i++) tokens = await RefreshOkAsync(tokens.RefreshToken);
        }
    }
}
