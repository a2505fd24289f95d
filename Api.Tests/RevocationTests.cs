using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>The rows of "What revokes what" (docs/design.md) a user triggers: version, salt, sessions, and the caller's answer.</summary>
[Collection(ApiCollection.Name)]
public sealed class RevocationTests(ApiFactory factory) : RevocationTest(factory)
{
    [Fact]
    public async Task Logout_LogsTheEndedSessionInTheRevocationLog()
    {
        var (account, laptop, _, _) = await TwoDevicesAsync();

        await SendAsync(HttpMethod.Post, "/api/auth/logout", laptop.AccessToken);

        var entry = await WithDbAsync(db => db.RevocationLog.AsNoTracking().SingleAsync(e => e.UserId == account.Id));
        Assert.Equal((2L, laptop.SessionId, "logout"), (entry.TokenVersion, entry.SessionId, entry.Event));
        Assert.InRange(entry.At, Factory.Time.GetUtcNow().AddSeconds(-1), Factory.Time.GetUtcNow());
    }

    [Fact]
    public async Task Logout_RevokesEveryAccessTokenAndEndsOnlyTheCallersSession()
    {
        var (account, laptop, phone, salt) = await TwoDevicesAsync();

        var response = await SendAsync(HttpMethod.Post, "/api/auth/logout", laptop.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await AssertRevokedAsync(laptop, phone);
        var user = await UserRowAsync(account.Id);
        Assert.Equal(2, user.TokenVersion);
        Assert.Equal(salt, user.SecuritySalt);
        await AssertProblemAsync(await RefreshAsync(laptop.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        var recovered = await RefreshOkAsync(phone.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(recovered.AccessToken)).StatusCode);
        await AssertAuditAsync(account.Id, "logout", 2, account.Id);
    }

    [Fact]
    public async Task LogoutAll_RejectsEveryOutstandingTokenAndEndsEverySession()
    {
        var (account, laptop, phone, salt) = await TwoDevicesAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, "/api/auth/logout-all", phone.AccessToken)).StatusCode);

        await AssertRevokedAsync(laptop, phone);
        var user = await UserRowAsync(account.Id);
        Assert.Equal(2, user.TokenVersion);
        Assert.NotEqual(salt, user.SecuritySalt);
        await AssertProblemAsync(await RefreshAsync(laptop.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        await AssertProblemAsync(await RefreshAsync(phone.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        Assert.Equal(0, await WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == account.Id && s.EndedAt == null)));
        await AssertAuditAsync(account.Id, "logout_all", 2, account.Id);
        // A fresh login works and yields a token under the new version and salt.
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync((await LoginAsync(account)).AccessToken)).StatusCode);
    }

    [Fact]
    public async Task DeleteSession_OfAnotherDevice_Returns200WithNewPairForCaller()
    {
        var (account, laptop, phone, salt) = await TwoDevicesAsync();

        var response = await SendAsync(HttpMethod.Delete, $"/api/sessions/{phone.SessionId}", laptop.AccessToken);

        await AssertRevokedAsync(laptop, phone);
        var pair = await AssertNewPairForAsync(response, laptop);
        var user = await UserRowAsync(account.Id);
        Assert.Equal(2, user.TokenVersion);
        Assert.Equal(salt, user.SecuritySalt);
        await AssertProblemAsync(await RefreshAsync(phone.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        await RefreshOkAsync(pair.RefreshToken);
        await AssertAuditAsync(account.Id, "session_revoked", 2, account.Id);
    }

    [Fact]
    public async Task DeleteSession_OwnSession_Returns204AndEndsIt()
    {
        var (account, laptop, phone, _) = await TwoDevicesAsync();

        var response = await SendAsync(HttpMethod.Delete, $"/api/sessions/{laptop.SessionId}", laptop.AccessToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await AssertUnauthorizedAsync(await GetMeAsync(laptop.AccessToken), "token_revoked");
        await AssertProblemAsync(await RefreshAsync(laptop.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        await RefreshOkAsync(phone.RefreshToken);
        Assert.Equal(2, (await UserRowAsync(account.Id)).TokenVersion);
    }

    [Fact]
    public async Task DeleteSession_OfAnotherUserOrUnknown_Is404AndChangesNothing()
    {
        var (account, laptop, _, _) = await TwoDevicesAsync();
        var stranger = await LoginAsync(await RegisterAsync());

        await AssertProblemAsync(
            await SendAsync(HttpMethod.Delete, $"/api/sessions/{stranger.SessionId}", laptop.AccessToken),
            HttpStatusCode.NotFound, "session_not_found");
        await AssertProblemAsync(
            await SendAsync(HttpMethod.Delete, $"/api/sessions/{Guid.NewGuid()}", laptop.AccessToken),
            HttpStatusCode.NotFound, "session_not_found");
        await AssertProblemAsync(
            await SendAsync(HttpMethod.Delete, "/api/sessions/not-a-guid", laptop.AccessToken),
            HttpStatusCode.NotFound, "not_found");

        Assert.Equal(1, (await UserRowAsync(account.Id)).TokenVersion);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(laptop.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(stranger.AccessToken)).StatusCode);
        await RefreshOkAsync(stranger.RefreshToken);
    }

    [Fact]
    public async Task ChangePassword_EndsAllButTheCallersSessionAndRotatesTheSalt()
    {
        var (account, laptop, phone, salt) = await TwoDevicesAsync();
        const string newPassword = "a brand new passphrase";

        var response = await SendAsync(HttpMethod.Post, "/api/users/me/password", laptop.AccessToken,
            new { currentPassword = Password, newPassword });

        await AssertRevokedAsync(laptop, phone);
        var pair = await AssertNewPairForAsync(response, laptop);
        var user = await UserRowAsync(account.Id);
        Assert.Equal(2, user.TokenVersion);
        Assert.NotEqual(salt, user.SecuritySalt);
        await AssertProblemAsync(await RefreshAsync(phone.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        var refreshed = await RefreshOkAsync(pair.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(refreshed.AccessToken)).StatusCode);
        await AssertProblemAsync(await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password }),
            HttpStatusCode.Unauthorized, "invalid_credentials");
        await LoginAsync(account with { Password = newPassword });
        await AssertAuditAsync(account.Id, "password_changed", 2, account.Id);
    }

    [Fact]
    public async Task ChangePassword_WithWrongCurrentPassword_Is400AndChangesNothing()
    {
        var (account, laptop, phone, salt) = await TwoDevicesAsync();

        var response = await SendAsync(HttpMethod.Post, "/api/users/me/password", laptop.AccessToken,
            new { currentPassword = "not my password", newPassword = "a brand new passphrase" });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "invalid_current_password");
        var user = await UserRowAsync(account.Id);
        Assert.Equal(1, user.TokenVersion);
        Assert.Equal(salt, user.SecuritySalt);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(phone.AccessToken)).StatusCode);
        await LoginAsync(account);
    }

    [Fact]
    public async Task ChangePassword_InvalidNewPassword_IsAValidationProblem()
    {
        var (account, laptop, _, _) = await TwoDevicesAsync();

        var response = await SendAsync(HttpMethod.Post, "/api/users/me/password", laptop.AccessToken,
            new { currentPassword = Password, newPassword = "short" });

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(body.GetProperty("errors").TryGetProperty("newPassword", out _));
        Assert.Equal(1, (await UserRowAsync(account.Id)).TokenVersion);
    }

    [Fact]
    public async Task RefreshReuse_AfterGrace_EndsThatSessionAndRevokesAccessTokens()
    {
        var (account, laptop, phone, salt) = await TwoDevicesAsync();
        var rotated = await RefreshOkAsync(laptop.RefreshToken);
        Factory.Time.Advance(TimeSpan.FromSeconds(11));

        var replay = await RefreshAsync(laptop.RefreshToken);

        await AssertProblemAsync(replay, HttpStatusCode.Unauthorized, "refresh_token_reused");
        var user = await UserRowAsync(account.Id);
        Assert.Equal(2, user.TokenVersion);
        Assert.Equal(salt, user.SecuritySalt);
        await AssertUnauthorizedAsync(await GetMeAsync(rotated.AccessToken), "token_revoked");
        await AssertUnauthorizedAsync(await GetMeAsync(phone.AccessToken), "token_revoked");
        await AssertProblemAsync(await RefreshAsync(rotated.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync((await RefreshOkAsync(phone.RefreshToken)).AccessToken)).StatusCode);
        await AssertAuditAsync(account.Id, "refresh_token_reused", 2, null);
        // A second replay finds the session already ended: no further bump.
        await AssertProblemAsync(await RefreshAsync(laptop.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        Assert.Equal(2, (await UserRowAsync(account.Id)).TokenVersion);
    }
}
