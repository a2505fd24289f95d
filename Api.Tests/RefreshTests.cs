using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class RefreshTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Refresh_RotatesTheRefreshTokenAndKeepsTheSession()
    {
        var tokens = await LoginAsync(await RegisterAsync());

        var next = await RefreshOkAsync(tokens.RefreshToken);

        Assert.NotEqual(tokens.RefreshToken, next.RefreshToken);
        Assert.Equal(tokens.SessionId, next.SessionId);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(next.AccessToken)).StatusCode);
        var rows = await WithDbAsync(db => db.RefreshTokens.AsNoTracking().Where(t => t.SessionId == tokens.SessionId).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.Single(rows, r => r.RetiredAt is null);
        await RefreshOkAsync(next.RefreshToken);
    }

    [Fact]
    public async Task Refresh_SameTokenTwiceInsideTheGraceWindow_BothSucceed()
    {
        var tokens = await LoginAsync(await RegisterAsync());
        var first = await RefreshOkAsync(tokens.RefreshToken);
        Factory.Time.Advance(TimeSpan.FromSeconds(9));

        var second = await RefreshOkAsync(tokens.RefreshToken);

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(first.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(second.AccessToken)).StatusCode);
        await RefreshOkAsync(first.RefreshToken);
        await RefreshOkAsync(second.RefreshToken);
    }

    [Fact]
    public async Task Refresh_RacingRequestsWithOneToken_AllSucceedInsideTheGraceWindow()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RefreshAsync(tokens.RefreshToken)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, (await UserRowAsync(account.Id)).TokenVersion);
    }

    [Fact]
    public async Task Refresh_WithAnEmptyToken_IsAValidationProblem()
    {
        await AssertProblemAsync(await RefreshAsync(""), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public async Task Refresh_UnknownOrMalformedToken_IsRefused(string token)
    {
        await AssertProblemAsync(await RefreshAsync(token), HttpStatusCode.Unauthorized, "refresh_token_invalid");
    }

    [Fact]
    public async Task Refresh_AfterTheIdleTimeout_IsRefused()
    {
        var tokens = await LoginAsync(await RegisterAsync());
        Factory.Time.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));

        await AssertProblemAsync(await RefreshAsync(tokens.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
    }

    [Fact]
    public async Task Refresh_UseWithinTheIdleTimeoutKeepsTheSessionAlive_UntilItsLifetimeEnds()
    {
        var tokens = await LoginAsync(await RegisterAsync());
        for (var i = 0; i < 2; i++)
        {
            Factory.Time.Advance(TimeSpan.FromDays(13));
            tokens = await RefreshOkAsync(tokens.RefreshToken);
        }

        Assert.Equal(4 * 24 * 3600, tokens.RefreshTokenExpiresIn); // 30 days from login, 26 days gone
        Factory.Time.Advance(TimeSpan.FromDays(4) + TimeSpan.FromMinutes(1));
        await AssertProblemAsync(await RefreshAsync(tokens.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
    }

    [Fact]
    public async Task AccessToken_AfterItsLifetimePlusSkew_IsExpired_AndRefreshRecovers()
    {
        var tokens = await LoginAsync(await RegisterAsync());
        Factory.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens.AccessToken)).StatusCode); // inside the 30 s leeway

        Factory.Time.Advance(TimeSpan.FromSeconds(11));

        await AssertUnauthorizedAsync(await GetMeAsync(tokens.AccessToken), "token_expired");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync((await RefreshOkAsync(tokens.RefreshToken)).AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Refresh_OfADisabledUser_IsRefused()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        await WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Disabled, true)));

        await AssertProblemAsync(await RefreshAsync(tokens.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_invalid");
    }
}
