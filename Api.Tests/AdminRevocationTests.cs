using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>The rows of "What revokes what" (docs/design.md) an administrator triggers: revoke, disable, enable, delete.</summary>
[Collection(ApiCollection.Name)]
public sealed class AdminRevocationTests(ApiFactory factory) : RevocationTest(factory)
{
    [Fact]
    public async Task AdminRevokeSessions_RevokesEverythingAndAuditsTheReason()
    {
        var (account, laptop, phone, salt) = await TwoDevicesAsync();
        var admin = await LoginAsync(await CreateAdminAsync());

        var response = await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/revoke-sessions", admin.AccessToken, new { reason = "lost laptop" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(account.Id, body.GetProperty("userId").GetGuid());
        Assert.Equal(2, body.GetProperty("tokenVersion").GetInt64());
        await AssertRevokedAsync(laptop, phone);
        Assert.NotEqual(salt, (await UserRowAsync(account.Id)).SecuritySalt);
        await AssertProblemAsync(await RefreshAsync(phone.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        await AssertProblemAsync(await RefreshAsync(laptop.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        var audit = await WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(Audited.Revocations).SingleAsync(a => a.UserId == account.Id));
        Assert.Equal("lost laptop", audit.Reason);
        Assert.Equal("admin_revoke_sessions", audit.Event);
        Assert.Equal(2, audit.TokenVersion);
        Assert.NotEqual(account.Id, audit.ActorId);
    }

    [Fact]
    public async Task AdminDisable_RefusesTokensLoginAndRefresh_UntilEnabled()
    {
        var (account, laptop, phone, salt) = await TwoDevicesAsync();
        var admin = await LoginAsync(await CreateAdminAsync());

        var response = await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/disable", admin.AccessToken, new { reason = "abuse" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("disabled").GetBoolean());
        Assert.Equal(2, body.GetProperty("tokenVersion").GetInt64());
        await AssertUnauthorizedAsync(await GetMeAsync(laptop.AccessToken), "user_disabled");
        await AssertUnauthorizedAsync(await GetMeAsync(phone.AccessToken), "user_disabled");
        Assert.NotEqual(salt, (await UserRowAsync(account.Id)).SecuritySalt);
        await AssertProblemAsync(await RefreshAsync(phone.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        await AssertProblemAsync(await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password }),
            HttpStatusCode.Forbidden, "user_disabled");

        var enabled = await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/enable", admin.AccessToken);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.False((await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("disabled").GetBoolean());
        await AssertUnauthorizedAsync(await GetMeAsync(laptop.AccessToken), "token_revoked");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync((await LoginAsync(account)).AccessToken)).StatusCode);
    }

    [Fact]
    public async Task AdminDelete_RevokesTokensAndRemovesTheAccount()
    {
        var (account, laptop, phone, _) = await TwoDevicesAsync();
        var adminAccount = await CreateAdminAsync();
        var admin = await LoginAsync(adminAccount);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"/api/admin/users/{account.Id}", admin.AccessToken)).StatusCode);

        await AssertUnauthorizedAsync(await GetMeAsync(laptop.AccessToken), "token_revoked");
        await AssertProblemAsync(await RefreshAsync(phone.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        await AssertProblemAsync(await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password }),
            HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.False(await WithDbAsync(db => db.Users.AnyAsync(u => u.Id == account.Id)));
        var audit = await WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(Audited.Revocations).SingleAsync(a => a.UserId == account.Id));
        Assert.Equal(("user_deleted", 2L, (Guid?)adminAccount.Id), (audit.Event, audit.TokenVersion, audit.ActorId));
        await AssertProblemAsync(
            await SendAsync(HttpMethod.Delete, $"/api/admin/users/{account.Id}", admin.AccessToken),
            HttpStatusCode.NotFound, "user_not_found");
    }
}
