using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AdminTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task AdminRoutes_ForANonAdmin_Are403()
    {
        var user = await LoginAsync(await RegisterAsync());
        var target = await RegisterAsync();

        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Get, "/api/admin/users"), (HttpMethod.Get, $"/api/admin/users/{target.Id}"),
                     (HttpMethod.Post, $"/api/admin/users/{target.Id}/revoke-sessions"), (HttpMethod.Post, $"/api/admin/users/{target.Id}/disable"),
                     (HttpMethod.Post, $"/api/admin/users/{target.Id}/enable"), (HttpMethod.Delete, $"/api/admin/users/{target.Id}"),
                     (HttpMethod.Get, "/api/admin/audit"),
                 })
        {
            await AssertProblemAsync(await SendAsync(method, url, user.AccessToken), HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal(1, (await UserRowAsync(target.Id)).TokenVersion);
    }

    [Fact]
    public async Task ListUsers_FiltersByEmailAndPages()
    {
        var admin = await LoginAsync(await CreateAdminAsync());
        for (var i = 0; i < 5; i++)
        {
            await RegisterAsync($"paging{i}@example.org");
            Factory.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await RegisterAsync();

        var response = await SendAsync(HttpMethod.Get, "/api/admin/users?email=PAGING&page=2&pageSize=2", admin.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, body.GetProperty("total").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["paging2@example.org", "paging3@example.org"], items.Select(i => i.GetProperty("email").GetString()));
        foreach (var field in new[] { "id", "displayName", "roles", "tokenVersion", "disabled", "createdAt" })
            Assert.True(items[0].TryGetProperty(field, out _), field);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("PAGESIZE=0", "PAGESIZE")]
    public async Task ListUsers_BadPaging_IsA400ProblemKeyedByTheParameterAsSent(string query, string key)
    {
        var admin = await LoginAsync(await CreateAdminAsync());

        var response = await SendAsync(HttpMethod.Get, $"/api/admin/users?{query}", admin.AccessToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name);
        Assert.Equal([key], errors);
    }

    [Theory]
    [InlineData("GET", "/api/admin/users/0")]
    [InlineData("POST", "/api/admin/users/not-a-guid/disable")]
    [InlineData("DELETE", "/api/admin/users/0")]
    public async Task AdminRoutes_WithANonGuidId_Are404Problems(string method, string url)
    {
        var admin = await LoginAsync(await CreateAdminAsync());

        var response = await SendAsync(new HttpMethod(method), url, admin.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task GetUser_IncludesActiveSessions_And404ForUnknown()
    {
        var admin = await LoginAsync(await CreateAdminAsync());
        var account = await RegisterAsync();
        var phone = await LoginAsync(account, "phone");

        var response = await SendAsync(HttpMethod.Get, $"/api/admin/users/{account.Id}", admin.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(account.Email, body.GetProperty("email").GetString());
        var session = Assert.Single(body.GetProperty("activeSessions").EnumerateArray());
        Assert.Equal(phone.SessionId, session.GetProperty("id").GetGuid());
        await AssertProblemAsync(
            await SendAsync(HttpMethod.Get, $"/api/admin/users/{Guid.NewGuid()}", admin.AccessToken),
            HttpStatusCode.NotFound, "user_not_found");
        await AssertProblemAsync(
            await SendAsync(HttpMethod.Post, $"/api/admin/users/{Guid.NewGuid()}/revoke-sessions", admin.AccessToken),
            HttpStatusCode.NotFound, "user_not_found");
        await AssertProblemAsync(
            await SendAsync(HttpMethod.Post, $"/api/admin/users/{Guid.NewGuid()}/disable", admin.AccessToken),
            HttpStatusCode.NotFound, "user_not_found");
    }

    [Fact]
    public async Task Audit_ListsRevokingEventsNewestFirst_FilteredByUser()
    {
        var adminAccount = await CreateAdminAsync();
        var admin = await LoginAsync(adminAccount);
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        await SendAsync(HttpMethod.Post, "/api/auth/logout", tokens.AccessToken);
        await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/disable", admin.AccessToken, new { reason = "spam" });
        await SendAsync(HttpMethod.Post, "/api/auth/logout", admin.AccessToken);
        admin = await LoginAsync(adminAccount);

        var response = await SendAsync(HttpMethod.Get, $"/api/admin/audit?userId={account.Id}", admin.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, body.GetProperty("total").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["user_disabled", "logout", "login"], items.Select(i => i.GetProperty("event").GetString()));
        Assert.Equal("spam", items[0].GetProperty("reason").GetString());
        var actor = items[0].GetProperty("actor");
        Assert.Equal(("user", adminAccount.Id, adminAccount.Email),
            (actor.GetProperty("kind").GetString(), actor.GetProperty("id").GetGuid(), actor.GetProperty("name").GetString()));
        Assert.Equal(account.Email, items[0].GetProperty("userEmail").GetString());
        Assert.Equal(3, items[0].GetProperty("tokenVersion").GetInt64());
        Assert.True(items[0].TryGetProperty("at", out _));
        var all = await (await SendAsync(HttpMethod.Get, "/api/admin/audit", admin.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        // Everyone's entries: both sign-ins of the admin and its logout, the user's sign-in, logout and disable.
        Assert.Equal(6, all.GetProperty("total").GetInt32());
        Assert.False(string.IsNullOrEmpty(items[2].GetProperty("from").GetString()));
        Assert.Equal("user", items[2].GetProperty("actor").GetProperty("kind").GetString());
        var byActorAndEvent = await (await SendAsync(HttpMethod.Get, $"/api/admin/audit?actorId={adminAccount.Id}&event=user_disabled",
            admin.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, byActorAndEvent.GetProperty("total").GetInt32());
        var future = Uri.EscapeDataString(Factory.Time.GetUtcNow().AddDays(1).ToString("O"));
        var fromTomorrow = await (await SendAsync(HttpMethod.Get, $"/api/admin/audit?from={future}", admin.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, fromTomorrow.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("/api/admin/audit?email=a@example.com", "email")]
    [InlineData("/api/admin/audit?userid=00000000-0000-0000-0000-000000000000&sort=at", "sort")]
    [InlineData("/api/admin/users?status=disabled", "status")]
    public async Task AnUnknownQueryParameter_IsAValidationProblemKeyedByIt(string url, string key)
    {
        var admin = await LoginAsync(await CreateAdminAsync());

        var response = await SendAsync(HttpMethod.Get, url, admin.AccessToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([key], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task Reason_OverItsLimit_IsAValidationProblem()
    {
        var admin = await LoginAsync(await CreateAdminAsync());
        var account = await RegisterAsync();

        var tooLong = new { reason = new string('r', 501) };
        var response = await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/revoke-sessions", admin.AccessToken, tooLong);

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(body.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(1, (await UserRowAsync(account.Id)).TokenVersion);
    }
}
