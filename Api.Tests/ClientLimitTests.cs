using System.Net;
using System.Net.Http.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

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
