using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HygieneTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task NoPasswordTokenSaltOrHashReachesTheLogs()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        var refreshed = await RefreshOkAsync(tokens.RefreshToken);
        await GetMeAsync(tokens.AccessToken + "x");
        await SendAsync(HttpMethod.Post, "/api/users/me/password", refreshed.AccessToken, new { currentPassword = "wrong password!!", newPassword = "another passphrase" });
        await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "a wrong password" });
        await SendAsync(HttpMethod.Post, "/api/auth/logout", refreshed.AccessToken);
        Factory.Time.Advance(TimeSpan.FromSeconds(11));
        await RefreshAsync(tokens.RefreshToken); // reuse: the theft path logs too
        var row = await UserRowAsync(account.Id);

        var logs = Factory.Logs.Text;

        Assert.NotEmpty(logs);
        foreach (var secret in new[]
                 {
                     Password, "a wrong password", "wrong password!!", tokens.AccessToken, tokens.RefreshToken,
                     refreshed.AccessToken.Split('.')[2], refreshed.RefreshToken, Convert.ToBase64String(row.SecuritySalt),
                     Convert.ToHexString(row.SecuritySalt), row.PasswordHash, ApiFactory.ActiveSecret,
                 })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }
    }
}

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
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("DROP TABLE \"AuditEvents\"");
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
        Assert.DoesNotContain("AuditEvents", body);
        Assert.DoesNotContain(" at ", body);
        // The failed revocation rolled back whole: the version did not move.
        await using var check = factory.Services.CreateAsyncScope();
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<AppDbContext>().Users.Select(u => u.TokenVersion).SingleAsync());
        await ((IAsyncLifetime)factory).DisposeAsync();
    }
}
