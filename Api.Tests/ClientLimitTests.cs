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
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
            responses.Add(await client.PostAsJsonAsync("/api/auth/register", new { email = $"flood{i}@example.com", password = ApiTest.Password }));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var limited = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("too_many_requests", await limited.Content.ReadAsStringAsync());
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await ((IAsyncLifetime)factory).DisposeAsync();
    }
}
