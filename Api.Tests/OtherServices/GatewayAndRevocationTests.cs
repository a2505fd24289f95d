using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.OtherServices;

/// <summary>The gateway check, RFC 7009 revocation by API clients, and API-client administration.</summary>
[Collection(ApiCollection.Name)]
public sealed class GatewayAndRevocationTests(ApiFactory factory) : ClientTest(factory)
{
    [Fact]
    public async Task Verify_AnswersTheUserInHeaders_WithoutADatabaseRead()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens.AccessToken)).StatusCode);
        var loads = Factory.StateSource.LoadsOf(account.Id);

        var response = await SendAsync(HttpMethod.Get, "/api/auth/verify", tokens.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(account.Id.ToString("D"), Assert.Single(response.Headers.GetValues("X-User-Id")));
        Assert.Equal(tokens.SessionId.ToString("D"), Assert.Single(response.Headers.GetValues("X-Session-Id")));
        Assert.Equal("user", Assert.Single(response.Headers.GetValues("X-User-Roles")));
        Assert.Equal("1", Assert.Single(response.Headers.GetValues("X-Token-Version")));
        Assert.Equal(loads, Factory.StateSource.LoadsOf(account.Id));
    }

    [Fact]
    public async Task Verify_EnforcesARole_AndRefusesLikeAnyProtectedRoute()
    {
        var tokens = await LoginAsync(await RegisterAsync());
        var admin = await LoginAsync(await CreateAdminAsync());

        await AssertProblemAsync(
            await SendAsync(HttpMethod.Get, "/api/auth/verify?role=admin", tokens.AccessToken),
            HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Get, "/api/auth/verify?role=user", tokens.AccessToken)).StatusCode);
        var adminCheck = await SendAsync(HttpMethod.Get, "/api/auth/verify?role=admin", admin.AccessToken);
        Assert.Equal("admin,user", Assert.Single(adminCheck.Headers.GetValues("X-User-Roles")));
        await SendAsync(HttpMethod.Post, "/api/auth/logout", tokens.AccessToken);
        await AssertUnauthorizedAsync(await SendAsync(HttpMethod.Get, "/api/auth/verify", tokens.AccessToken), "token_revoked");
        await AssertUnauthorizedAsync(await SendAsync(HttpMethod.Get, "/api/auth/verify", null), "token_missing");
    }

    [Fact]
    public async Task RevokingARefreshToken_EndsItsSessionLikeDeletingIt_AndTheOtherDeviceRecovers()
    {
        var (client, _) = await CreateClientAsync();
        var account = await RegisterAsync();
        var laptop = await LoginAsync(account, "laptop");
        var phone = await LoginAsync(account, "phone");
        var salt = (await UserRowAsync(account.Id)).SecuritySalt;

        var response = await RevokeAsync(client, laptop.RefreshToken, "refresh_token");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var user = await UserRowAsync(account.Id);
        Assert.Equal(2, user.TokenVersion);
        Assert.Equal(salt, user.SecuritySalt);
        await AssertUnauthorizedAsync(await GetMeAsync(laptop.AccessToken), "token_revoked");
        await AssertProblemAsync(await RefreshAsync(laptop.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        var recovered = await RefreshOkAsync(phone.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(recovered.AccessToken)).StatusCode);
        var audit = await WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.UserId == account.Id).Where(Audited.Revocations).SingleAsync());
        Assert.Equal(("session_revoked", (Guid?)client.Id), (audit.Event, audit.ActorId));
    }

    [Fact]
    public async Task RevokingAnAccessToken_EndsItsSession()
    {
        var (client, _) = await CreateClientAsync();
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);

        Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(client, tokens.AccessToken)).StatusCode);

        Assert.Equal(2, (await UserRowAsync(account.Id)).TokenVersion);
        await AssertProblemAsync(await RefreshAsync(tokens.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
    }

    [Fact]
    public async Task RevokingAnInvalidToken_Is200AndChangesNothing()
    {
        var (client, _) = await CreateClientAsync();
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        var rotated = await RefreshOkAsync(tokens.RefreshToken);

        foreach (var token in new[] { "garbage", tokens.RefreshToken, tokens.AccessToken + "x", new string('A', 43) })
            Assert.Equal(HttpStatusCode.OK, (await RevokeAsync(client, token)).StatusCode);

        Assert.Equal(1, (await UserRowAsync(account.Id)).TokenVersion);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(rotated.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task ClientAdministration_IsForAdmins_Validated_AndAudited()
    {
        var user = await LoginAsync(await RegisterAsync());
        var (client, admin) = await CreateClientAsync("billing");

        await AssertProblemAsync(
            await SendAsync(HttpMethod.Post, "/api/admin/clients", user.AccessToken, new { name = "x" }),
            HttpStatusCode.Forbidden, "forbidden");
        var invalid = await SendAsync(HttpMethod.Post, "/api/admin/clients", admin.AccessToken, new { name = new string('n', 101) });
        var problem = await AssertProblemAsync(invalid, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        await AssertProblemAsync(
            await SendAsync(HttpMethod.Delete, $"/api/admin/clients/{Guid.NewGuid()}", admin.AccessToken),
            HttpStatusCode.NotFound, "client_not_found");
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"/api/admin/clients/{client.Id}", admin.AccessToken)).StatusCode);

        var events = await WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.Event.StartsWith("client_")).Select(a => a.Event).ToListAsync());
        Assert.Equal(["client_created", "client_deleted"], events.Order());
        var row = await WithDbAsync(db => db.ApiClients.CountAsync());
        Assert.Equal(0, row);
        var list = await (await SendAsync(HttpMethod.Get, "/api/admin/clients", admin.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }
}
