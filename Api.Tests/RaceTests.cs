using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>Races on one user's rows, run on every provider (the point is PostgreSQL's real row locking).</summary>
[Collection(ApiCollection.Name)]
public sealed class RaceTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task ALoginThatReadTheUserBeforeALogoutAllCommitted_GetsNothingThatWorks()
    {
        var account = await RegisterAsync();
        var device = await LoginAsync(account, "device");
        var hold = Factory.PasswordHasher.HoldNextVerify();

        // The login has read version 1 and epoch 1, and stalls before creating its session...
        var login = Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password, deviceName = "late" });
        await hold.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // ...while "log out everywhere" commits and returns.
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, "/api/auth/logout-all", device.AccessToken)).StatusCode);
        hold.Release();
        var late = await login;

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var tokens = (await late.Content.ReadFromJsonAsync<Tokens>())!;
        await AssertUnauthorizedAsync(await GetMeAsync(tokens.AccessToken), "token_revoked");
        await AssertProblemAsync(await RefreshAsync(tokens.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync((await LoginAsync(account)).AccessToken)).StatusCode);
    }

    [Fact]
    public async Task HundredLoginsRacingTwentyLogoutAlls_LeaveNoOlderTokenAccepted()
    {
        var account = await RegisterAsync();
        var logoutTokens = new List<Tokens>();
        for (var i = 0; i < 20; i++) logoutTokens.Add(await LoginAsync(account, $"old{i}"));

        var logins = Enumerable.Range(0, 100).Select(i =>
            Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password, deviceName = $"new{i}" })).ToList();
        var logouts = logoutTokens.Select(t => SendAsync(HttpMethod.Post, "/api/auth/logout-all", t.AccessToken)).ToList();
        var logoutResponses = await Task.WhenAll(logouts);
        var loginResponses = await Task.WhenAll(logins);

        // A logout-all whose token an earlier one revoked is refused; at least one ran, and none failed otherwise.
        Assert.All(logoutResponses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.Unauthorized }));
        Assert.Contains(logoutResponses, r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.All(loginResponses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var user = await UserRowAsync(account.Id);
        var ran = logoutResponses.Count(r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(1 + ran, user.TokenVersion);
        foreach (var old in logoutTokens)
        {
            await AssertUnauthorizedAsync(await GetMeAsync(old.AccessToken), "token_revoked");
            await AssertProblemAsync(await RefreshAsync(old.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        }

        // Every new token is accepted only if it was issued under the final version; a login that read the user
        // before the last logout-all committed got a dead access token and a session that cannot refresh.
        var issued = await Task.WhenAll(loginResponses.Select(r => r.Content.ReadFromJsonAsync<Tokens>()));
        var current = issued.Where(t => VersionOf(t!) == user.TokenVersion).ToList();
        var stale = issued.Where(t => VersionOf(t!) < user.TokenVersion).ToList();
        Assert.Equal(issued.Length, current.Count + stale.Count);
        foreach (var tokens in current) Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens!.AccessToken)).StatusCode);
        foreach (var tokens in stale)
        {
            await AssertUnauthorizedAsync(await GetMeAsync(tokens!.AccessToken), "token_revoked");
            await AssertProblemAsync(await RefreshAsync(tokens.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
        }

        var open = await WithDbAsync(db => db.Sessions.CountAsync(s => s.UserId == account.Id && s.EndedAt == null && s.Epoch == user.SessionEpoch));
        Assert.Equal(current.Count, open);
    }

    private static long VersionOf(Tokens tokens) => TokenForge.PayloadOf(tokens.AccessToken)["ver"]!.GetValue<long>();
}
