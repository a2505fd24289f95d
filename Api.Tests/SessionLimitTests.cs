using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Api.Tests;

/// <summary><c>Sessions:MaxPerUser</c>: a login beyond the cap ends the least recently used session, as a revocation.</summary>
public sealed class SessionLimitTests
{
    [Fact]
    public async Task ALoginBeyondTheCap_EndsTheLeastRecentlyUsedSession_AndTheLoginsOwnTokenWorks()
    {
        await using var factory = new CustomApiFactory(edit: s => s["Sessions:MaxPerUser"] = "2");
        await ((IAsyncLifetime)factory).InitializeAsync();
        var client = factory.CreateClient();
        const string email = "capped@example.com";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/auth/register", new { email, password = ApiTest.Password })).StatusCode);
        async Task<Tokens> Login(string device)
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiTest.Password, deviceName = device });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<Tokens>())!;
        }

        // An API client follows the event stream meanwhile: the cap's revocation is an event like any other.
        var admin = await CreateAdminTokenAsync(factory, client);
        var created = await (await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/admin/clients")
        {
            Content = JsonContent.Create(new { name = "cap-follower" }), Headers = { Authorization = new("Bearer", admin) },
        })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var follow = new HttpRequestMessage(HttpMethod.Get, "/api/events/revocations");
        follow.Headers.Authorization = ClientTest.Basic(created.GetProperty("clientId").GetString()!, created.GetProperty("clientSecret").GetString()!);
        using var streamResponse = await client.SendAsync(follow, HttpCompletionOption.ResponseHeadersRead);
        using var stream = new EventStream(streamResponse, new StreamReader(await streamResponse.Content.ReadAsStreamAsync()), TimeSpan.FromSeconds(10));

        var oldest = await Login("oldest");
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var recent = await Login("recent");
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var newest = await Login("newest");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = oldest.RefreshToken })).StatusCode);
        var me = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
        me.Headers.Authorization = new("Bearer", newest.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(me)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = recent.RefreshToken })).StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entry = await db.RevocationLog.AsNoTracking().SingleAsync();
        Assert.Equal(("session_limit_reached", oldest.SessionId), (entry.Event, entry.SessionId));
        Assert.Equal(2, await db.Sessions.CountAsync(s => s.EndedAt == null && s.UserId == entry.UserId));
        var streamed = System.Text.Json.JsonDocument.Parse((await stream.NextAsync())!.Data).RootElement;
        Assert.Equal(("session_limit_reached", oldest.SessionId), (streamed.GetProperty("event").GetString(), streamed.GetProperty("sessionId").GetGuid()));
        await ((IAsyncLifetime)factory).DisposeAsync();
    }

    private static async Task<string> CreateAdminTokenAsync(CustomApiFactory factory, HttpClient client)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TokenVersioning.Infrastructure.Accounts.AccountService>()
                .CreateUserAsync("cap-admin@example.com", ApiTest.Password, "Admin", [Domain.Users.Role.Admin, Domain.Users.Role.User], CancellationToken.None);
        }

        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "cap-admin@example.com", password = ApiTest.Password });
        return (await login.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task ACapBelowOne_StopsStartUp_NamingTheKey(string value)
    {
        await using var factory = new CustomApiFactory(edit: s => s["Sessions:MaxPerUser"] = value);
        var failure = await Record.ExceptionAsync(async () => await ((IAsyncLifetime)factory).InitializeAsync());
        Assert.Contains("Sessions:MaxPerUser", failure?.ToString() ?? "");
    }
}
