using System.Net;
using System.Net.Http.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

public sealed class AccountThrottleFactory() : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        base.Settings().Where(s => s.Key != "RateLimiting:Enabled").Append(new("RateLimiting:Enabled", "true"));
}

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

public sealed class ClientLimitTests
{
    [Fact]
    public async Task RegisterFloodFromOneClient_Gets429ProblemWithRetryAfter()
    {
        await using var factory = new CustomApiFactory(edit: s => s["RateLimiting:Enabled"] = "true");
        await ((IAsyncLifetime)factory).InitializeAsync();
        var client = factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 12; i++)
        {
            var response = await client.PostAsJsonAsync("/api/auth/register", new { email = $"flood{i}@example.com", password = ApiTest.Password });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited ??= response;
        }

        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.NotNull(limited);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("too_many_requests", await limited.Content.ReadAsStringAsync());
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await ((IAsyncLifetime)factory).DisposeAsync();
    }
}
