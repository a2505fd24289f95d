using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>
/// Sessions with their device metadata, "log out every other device", an admin ending one session, role changes,
/// idempotent disable and enable (enable revokes nothing), and the sign-ins in the audit log. Runs on SQLite and,
/// in the test command's second pass, on PostgreSQL.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DevicesAndRolesTests(ApiFactory factory) : RevocationTest(factory)
{
    private const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
    private const string Iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private async Task<Tokens> LoginFromAsync(Account account, string address, string userAgent, string device)
    {
        using var client = Factory.From(address);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = account.Email, password = account.Password, deviceName = device }),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    private async Task<List<JsonElement>> SessionsAsync(Tokens tokens)
    {
        var response = await SendAsync(HttpMethod.Get, "/api/sessions", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
    }

    [Fact]
    public async Task Sessions_ShowTheDeviceTheUserAgentAndTheAddresses_AndTheLastUseIsWrittenAtMostOnceAMinute()
    {
        var account = await RegisterAsync();
        var laptop = await LoginFromAsync(account, "127.0.0.21", Firefox, "laptop");
        var phone = await LoginFromAsync(account, "127.0.0.22", Iphone, "phone");

        var sessions = await SessionsAsync(laptop);
        var mine = sessions.Single(s => s.GetProperty("current").GetBoolean());
        Assert.Equal(laptop.SessionId, mine.GetProperty("id").GetGuid());
        Assert.Equal(("laptop", "Firefox on Linux", Firefox, "127.0.0.21", "127.0.0.21"),
            (mine.GetProperty("deviceName").GetString(), mine.GetProperty("device").GetString(), mine.GetProperty("userAgent").GetString(),
                mine.GetProperty("createdFrom").GetString(), mine.GetProperty("lastUsedFrom").GetString()));
        var other = sessions.Single(s => !s.GetProperty("current").GetBoolean());
        Assert.Equal("Safari on iPhone", other.GetProperty("device").GetString());

        // A refresh from elsewhere within the minute writes no new last use; one a minute later does.
        using var moved = Factory.From("127.0.0.23");
        var first = await moved.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = phone.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var row = await WithDbAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == phone.SessionId));
        Assert.Equal("127.0.0.22", row.LastUsedFrom);
        Factory.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await moved.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = (await first.Content.ReadFromJsonAsync<Tokens>())!.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        row = await WithDbAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == phone.SessionId));
        Assert.Equal("127.0.0.23", row.LastUsedFrom);
        Assert.True((Factory.Time.GetUtcNow() - row.LastUsedAt).Duration() < TimeSpan.FromMilliseconds(1), $"{row.LastUsedAt:O}");
        Assert.Equal("127.0.0.22", row.CreatedFrom);
    }

    [Fact]
    public async Task LogoutOthers_EndsEveryOtherSession_KeepsTheSalt_AndTheCallerGoesOn()
    {
        var (account, laptop, phone, salt) = await TwoDevicesAsync();
        var tablet = await LoginAsync(account, "tablet");

        var response = await SendAsync(HttpMethod.Post, "/api/auth/logout-others", laptop.AccessToken);

        var pair = await AssertNewPairForAsync(response, laptop);
        await AssertRevokedAsync(laptop, phone, tablet);
        await AssertProblemAsync(await RefreshAsync(phone.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        await AssertProblemAsync(await RefreshAsync(tablet.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        Assert.Equal([laptop.SessionId], (await SessionsAsync(pair)).Select(s => s.GetProperty("id").GetGuid()));
        var user = await UserRowAsync(account.Id);
        Assert.Equal(salt, user.SecuritySalt);
        await AssertAuditAsync(account.Id, "logout_others", user.TokenVersion, account.Id);
        await RefreshOkAsync(pair.RefreshToken);
    }

    [Fact]
    public async Task AnAdmin_EndsOneSessionOfAUser_TheOtherDeviceRecoversWithOneRefresh()
    {
        var adminAccount = await CreateAdminAsync();
        var admin = await LoginAsync(adminAccount);
        var (account, laptop, phone, salt) = await TwoDevicesAsync();

        var response = await SendAsync(HttpMethod.Delete, $"/api/admin/users/{account.Id}/sessions/{phone.SessionId}", admin.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await AssertRevokedAsync(laptop, phone);
        await AssertProblemAsync(await RefreshAsync(phone.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        var recovered = await RefreshOkAsync(laptop.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(recovered.AccessToken)).StatusCode);
        Assert.Equal(salt, (await UserRowAsync(account.Id)).SecuritySalt);
        await AssertAuditAsync(account.Id, "admin_session_revoked", 2, adminAccount.Id);

        // Ending it again, a session of another user, or one that does not exist: 404, nothing changes.
        var other = await LoginAsync(await RegisterAsync());
        foreach (var (user, session) in new[] { (account.Id, phone.SessionId), (account.Id, other.SessionId), (account.Id, Guid.NewGuid()) })
        {
            await AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/admin/users/{user}/sessions/{session}", admin.AccessToken),
                HttpStatusCode.NotFound, "session_not_found");
        }

        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/admin/users/{Guid.NewGuid()}/sessions/{phone.SessionId}", admin.AccessToken),
            HttpStatusCode.NotFound, "user_not_found");
        Assert.Equal(2, (await UserRowAsync(account.Id)).TokenVersion);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(other.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Roles_AChangeRaisesTheVersion_ANoChangeDoesNothing_AndTheNewRolesArriveWithTheNextRefresh()
    {
        var adminAccount = await CreateAdminAsync();
        var admin = await LoginAsync(adminAccount);
        var (account, laptop, phone, salt) = await TwoDevicesAsync();
        var before = await (await GetMeAsync(laptop.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["user"], before.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var granted = await SendAsync(HttpMethod.Put, $"/api/admin/users/{account.Id}/roles", admin.AccessToken, new { roles = new[] { "admin", "user" } });

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var user = await granted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["admin", "user"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal(2, user.GetProperty("tokenVersion").GetInt64());
        await AssertRevokedAsync(laptop, phone);
        Assert.Equal(salt, (await UserRowAsync(account.Id)).SecuritySalt);
        var refreshed = await RefreshOkAsync(laptop.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/admin/users", refreshed.AccessToken)).StatusCode);
        // GET /me answers the roles the user has now (a profile cached before the change must not say otherwise).
        var me = await (await GetMeAsync(refreshed.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("admin", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await AssertAuditAsync(account.Id, "roles_changed", 2, adminAccount.Id);

        // The same roles again, in another order: the same 200, no bump, no entry.
        var same = await SendAsync(HttpMethod.Put, $"/api/admin/users/{account.Id}/roles", admin.AccessToken, new { roles = new[] { "user", "admin" } });
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(2, (await UserRowAsync(account.Id)).TokenVersion);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(refreshed.AccessToken)).StatusCode);

        // Removing it: the token that carried admin dies; the refreshed one is a user's only.
        var removed = await SendAsync(HttpMethod.Put, $"/api/admin/users/{account.Id}/roles", admin.AccessToken, new { roles = new[] { "user" } });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        await AssertUnauthorizedAsync(await SendAsync(HttpMethod.Get, "/api/admin/users", refreshed.AccessToken), "token_revoked");
        var demoted = await RefreshOkAsync(refreshed.RefreshToken);
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, "/api/admin/users", demoted.AccessToken), HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("""{"roles":["root"]}""")]
    [InlineData("""{"roles":[]}""")]
    [InlineData("""{"roles":["user","user"]}""")]
    [InlineData("""{"roles":null}""")]
    [InlineData("""{}""")]
    [InlineData("""{"roles":[null]}""")]
    public async Task Roles_OutsideTheKnownSet_AreAValidationProblem_AndChangeNothing(string body)
    {
        var admin = await LoginAsync(await CreateAdminAsync());
        var account = await RegisterAsync();

        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/users/{account.Id}/roles")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", admin.AccessToken);
        var problem = await AssertProblemAsync(await Client.SendAsync(request), HttpStatusCode.BadRequest, "validation_failed");

        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(), problem.ToString());
        Assert.Equal(1, (await UserRowAsync(account.Id)).TokenVersion);
    }

    [Fact]
    public async Task TheLastEnabledAdmin_CannotLoseTheRole_EvenWhenTwoAdminsRemoveEachOther()
    {
        await ResetAdminsAsync();
        var first = await CreateAdminAsync();
        var second = await CreateAdminAsync();
        var firstTokens = await LoginAsync(first);
        var secondTokens = await LoginAsync(second);
        var demote = new { roles = new[] { "user" } };

        var answers = await Task.WhenAll(
            SendAsync(HttpMethod.Put, $"/api/admin/users/{second.Id}/roles", firstTokens.AccessToken, demote),
            SendAsync(HttpMethod.Put, $"/api/admin/users/{first.Id}/roles", secondTokens.AccessToken, demote));

        // One of them wins; the other is refused, because its own admin role is gone or it is the last admin.
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Contains(answers, a => a.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Unauthorized);
        var admins = await WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Roles.Contains("admin")).CountAsync());
        Assert.Equal(1, admins);
        var last = answers[0].StatusCode == HttpStatusCode.OK ? first : second;
        var lastTokens = await LoginAsync(last);
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, $"/api/admin/users/{last.Id}/roles", lastTokens.AccessToken, demote),
            HttpStatusCode.Conflict, "last_admin");
    }

    [Fact]
    public async Task DisableAndEnable_AreIdempotent_AndEnablingRevokesNothing()
    {
        var admin = await LoginAsync(await CreateAdminAsync());
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);

        // Enabling an enabled user: the same 200, and its tokens live on.
        var enable = await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/enable", admin.AccessToken);
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens.AccessToken)).StatusCode);
        Assert.Equal(1, (await UserRowAsync(account.Id)).TokenVersion);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/disable", admin.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/disable", admin.AccessToken)).StatusCode);
        Assert.Equal(2, (await UserRowAsync(account.Id)).TokenVersion);
        await AssertUnauthorizedAsync(await GetMeAsync(tokens.AccessToken), "user_disabled");

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/enable", admin.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/enable", admin.AccessToken)).StatusCode);
        var user = await UserRowAsync(account.Id);
        Assert.Equal((2, false), (user.TokenVersion, user.Disabled));
        var after = await LoginAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(after.AccessToken)).StatusCode);

        var events = await WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.UserId == account.Id).Where(Audited.Revocations)
            .OrderBy(a => a.Id).Select(a => a.Event).ToListAsync());
        Assert.Equal(["user_disabled", "user_enabled"], events);
    }

    [Fact]
    public async Task SignIns_AreInTheAuditLog_WithTheAddress_AndNothingOfThePassword()
    {
        var adminAccount = await CreateAdminAsync();
        var admin = await LoginAsync(adminAccount);
        var account = await RegisterAsync();
        using var client = Factory.From("127.0.0.31");
        const string wrong = "not the right password at all";
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = wrong })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = account.Password })).StatusCode);

        var response = await SendAsync(HttpMethod.Get, $"/api/admin/audit?userId={account.Id}", admin.AccessToken);
        var text = await response.Content.ReadAsStringAsync();
        var items = JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(["login", "login_failed"], items.Select(i => i.GetProperty("event").GetString()));
        Assert.All(items, i => Assert.Equal("127.0.0.31", i.GetProperty("from").GetString()));
        Assert.All(items, i => Assert.Equal(account.Email, i.GetProperty("actor").GetProperty("name").GetString()));
        Assert.DoesNotContain(wrong, text);
        Assert.DoesNotContain(account.Password, text);
        var failed = await SendAsync(HttpMethod.Get, $"/api/admin/audit?event=login_failed&userId={account.Id}", admin.AccessToken);
        Assert.Equal(1, (await failed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32());
        await AssertProblemAsync(await SendAsync(HttpMethod.Get, "/api/admin/audit?event=no_such_event", admin.AccessToken),
            HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task TheNewAdminRoutes_RefuseAUser_And_IdsThatAreNotGuidsAre404Problems()
    {
        var user = await LoginAsync(await RegisterAsync());
        var id = Guid.NewGuid();

        await AssertProblemAsync(await SendAsync(HttpMethod.Put, $"/api/admin/users/{id}/roles", user.AccessToken, new { roles = new[] { "admin" } }),
            HttpStatusCode.Forbidden, "forbidden");
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/admin/users/{id}/sessions/{id}", user.AccessToken), HttpStatusCode.Forbidden, "forbidden");
        var admin = await LoginAsync(await CreateAdminAsync());
        await AssertProblemAsync(await SendAsync(HttpMethod.Delete, $"/api/admin/users/{id}/sessions/not-a-guid", admin.AccessToken), HttpStatusCode.NotFound, "not_found");
        await AssertProblemAsync(await SendAsync(HttpMethod.Put, "/api/admin/users/42/roles", admin.AccessToken, new { roles = new[] { "user" } }),
            HttpStatusCode.NotFound, "not_found");
    }

    /// <summary>Other tests' admins would count for the last-admin rule: this test needs exactly its own two.</summary>
    private Task ResetAdminsAsync() =>
        WithDbAsync(async db =>
        {
            foreach (var admin in await db.Users.Where(u => u.Roles.Contains("admin")).ToListAsync()) admin.Roles = ["user"];
            return await db.SaveChangesAsync();
        });
}
