using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Api.Tests;

public sealed class ServerErrorTests
{
    [Fact]
    public async Task AnUnexpectedFailure_IsA500ProblemWithoutInternals()
    {
        await using var factory = new CustomApiFactory();
        await ((IAsyncLifetime)factory).InitializeAsync();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // Break the schema under the running service.
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("DROP TABLE \"RevocationLog\"");
        }

        var client = factory.CreateClient();
        var register = await client.PostAsJsonAsync("/api/auth/register", new { email = "boom@example.com", password = ApiTest.Password });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "boom@example.com", password = ApiTest.Password });
        var tokens = (await login.Content.ReadFromJsonAsync<Tokens>())!;
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        request.Headers.Authorization = new("Bearer", tokens.AccessToken);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"code\":\"internal_error\"", body);
        Assert.Contains("\"traceId\"", body);
        Assert.Matches("\"detail\":\"[^\"]+\"", body);
        Assert.DoesNotContain("RevocationLog", body);
        Assert.DoesNotContain(" at ", body);
        // The failed revocation rolled back whole: the version did not move.
        await using var check = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<AppDbContext>().Users.Select(u => u.TokenVersion).SingleAsync());
        await ((IAsyncLifetime)factory).DisposeAsync();
    }
}
