using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ContractTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Register_Returns201WithTheNewUser()
    {
        var email = NewEmail();
        var response = await Client.PostAsJsonAsync("/api/auth/register", new { email, password = Password, displayName = "Alice" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(email, body.GetProperty("email").GetString());
        Assert.Equal("Alice", body.GetProperty("displayName").GetString());
        var id = body.GetProperty("id").GetGuid();
        Assert.True(body.TryGetProperty("createdAt", out _));
        var row = await UserRowAsync(id);
        Assert.Equal(1, row.TokenVersion);
        Assert.Equal(32, row.SecuritySalt.Length);
        Assert.DoesNotContain(Password, row.PasswordHash);
        Assert.DoesNotContain("passwordHash", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Register_RefusesAnEmailThatDiffersOnlyInCase()
    {
        var account = await RegisterAsync();
        var response = await Client.PostAsJsonAsync("/api/auth/register", new { email = account.Email.ToUpperInvariant(), password = Password });

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "email_taken");
        Assert.Equal(1, await WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Register_ConcurrentSameEmail_CreatesExactlyOne()
    {
        var email = NewEmail();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Client.PostAsJsonAsync("/api/auth/register", new { email, password = Password })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await WithDbAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [InlineData("not-an-email", Password, "email")]
    [InlineData("a b@example.com", Password, "email")]
    [InlineData("user@example.com", "short", "password")]
    [InlineData("", Password, "email")]
    public async Task Register_InvalidInput_IsAValidationProblemKeyedByField(string email, string password, string field)
    {
        var response = await Client.PostAsJsonAsync("/api/auth/register", new { email, password });

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
        Assert.Equal(0, await WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Register_EnforcesEveryLengthLimit()
    {
        var longEmail = new string('a', 250) + "@example.com";
        var response = await Client.PostAsJsonAsync("/api/auth/register",
            new { email = longEmail, password = new string('p', 129), displayName = new string('d', 101) });

        var errors = (await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed")).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
        Assert.True(errors.TryGetProperty("displayName", out _));
    }

    [Fact]
    public async Task Login_ReturnsTheTokenResponse()
    {
        var account = await RegisterAsync();
        var response = await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password, deviceName = "phone" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Bearer", body.GetProperty("tokenType").GetString());
        Assert.Equal(900, body.GetProperty("expiresIn").GetInt64());
        Assert.Equal(14 * 24 * 3600, body.GetProperty("refreshTokenExpiresIn").GetInt64());
        Assert.Equal(3, body.GetProperty("accessToken").GetString()!.Split('.').Length);
        Assert.Equal(43, body.GetProperty("refreshToken").GetString()!.Length);
        var sessionId = body.GetProperty("sessionId").GetGuid();
        var session = await WithDbAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId));
        Assert.Equal("phone", session.DeviceName);
        var storedHash = await WithDbAsync(db => db.RefreshTokens.Where(t => t.SessionId == sessionId).Select(t => t.Hash).SingleAsync());
        Assert.Equal(32, storedHash.Length);
    }

    [Fact]
    public async Task Login_ReturnsSameErrorForUnknownEmailAndWrongPassword()
    {
        var account = await RegisterAsync();
        var wrongPassword = await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "wrong password here" });
        var unknownEmail = await Client.PostAsJsonAsync("/api/auth/login", new { email = NewEmail(), password = Password });

        var a = await AssertProblemAsync(wrongPassword, HttpStatusCode.Unauthorized, "invalid_credentials");
        var b = await AssertProblemAsync(unknownEmail, HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(a.GetProperty("title").GetString(), b.GetProperty("title").GetString());
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Login_RehashesAPasswordStoredUnderAnOlderFormat()
    {
        var account = await RegisterAsync();
        var legacy = new Microsoft.AspNetCore.Identity.PasswordHasher<Domain.Users.User>(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.AspNetCore.Identity.PasswordHasherOptions
            {
                CompatibilityMode = Microsoft.AspNetCore.Identity.PasswordHasherCompatibilityMode.IdentityV2,
            }));
        var legacyHash = legacy.HashPassword(null!, Password);
        await WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, legacyHash)));

        await LoginAsync(account);

        var hash = (await UserRowAsync(account.Id)).PasswordHash;
        Assert.NotEqual(legacyHash, hash);
        Assert.Equal(0x01, Convert.FromBase64String(hash)[0]); // V3 format marker
        await LoginAsync(account);
    }

    [Fact]
    public async Task Me_ReturnsTheCaller()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);

        var response = await GetMeAsync(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(account.Id, body.GetProperty("id").GetGuid());
        Assert.Equal(account.Email, body.GetProperty("email").GetString());
        Assert.Equal(1, body.GetProperty("tokenVersion").GetInt64());
        Assert.Equal("user", body.GetProperty("roles")[0].GetString());
        Assert.True(body.TryGetProperty("displayName", out _));
        Assert.True(body.TryGetProperty("createdAt", out _));
    }

    [Fact]
    public async Task Sessions_ListsActiveSessionsAndMarksTheCurrentOne()
    {
        var account = await RegisterAsync();
        var laptop = await LoginAsync(account, "laptop");
        var phone = await LoginAsync(account, "phone");

        var response = await SendAsync(HttpMethod.Get, "/api/sessions", laptop.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sessions = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        var current = Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        Assert.Equal(laptop.SessionId, current.GetProperty("id").GetGuid());
        Assert.Equal("laptop", current.GetProperty("deviceName").GetString());
        Assert.Contains(sessions, s => s.GetProperty("id").GetGuid() == phone.SessionId);
        foreach (var field in new[] { "createdAt", "lastUsedAt", "expiresAt" }) Assert.True(current.TryGetProperty(field, out _));
    }

    [Fact]
    public async Task ProtectedRoutes_WithoutToken_Are401TokenMissing()
    {
        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Get, "/api/users/me"), (HttpMethod.Post, "/api/auth/logout"), (HttpMethod.Post, "/api/auth/logout-all"),
                     (HttpMethod.Get, "/api/sessions"), (HttpMethod.Delete, $"/api/sessions/{Guid.NewGuid()}"),
                     (HttpMethod.Post, "/api/users/me/password"), (HttpMethod.Get, "/api/admin/users"), (HttpMethod.Get, "/api/admin/audit"),
                 })
        {
            await AssertUnauthorizedAsync(await SendAsync(method, url, null), "token_missing");
        }
    }

    [Fact]
    public async Task Health_LiveAndReadyAnswer200WithoutAuth()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/ready")).StatusCode);
    }
}
