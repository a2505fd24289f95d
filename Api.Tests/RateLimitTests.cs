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
        HttpResponseMessage? limited = null;
        for (var attempt = 1; attempt <= 20 && limited is null; attempt++)
        {
            var response = await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = $"wrong guess {attempt:D4}" });
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
            else await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        Assert.NotNull(limited);
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
