using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>Refresh races outside the grace window (grace set to zero).</summary>
public sealed class RefreshRaceTests(NoGraceFactory factory) : ApiTest(factory), IClassFixture<NoGraceFactory>
{
    [Fact]
    public async Task RacingRefreshesOfOneTokenOutsideTheGraceWindow_EndThatSessionExactlyOnce()
    {
        var account = await RegisterAsync();
        var other = await LoginAsync(account, "other");
        var tokens = await LoginAsync(account, "raced");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RefreshAsync(tokens.RefreshToken)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Unauthorized);
        Assert.Equal(2, (await UserRowAsync(account.Id)).TokenVersion);
        Assert.Equal(1, await WithDbAsync(db => db.AuditEvents.CountAsync(a => a.UserId == account.Id && a.Event == "refresh_token_reused")));
        var session = await WithDbAsync(db => db.Sessions.AsNoTracking().SingleAsync(s => s.Id == tokens.SessionId));
        Assert.Equal("refresh_token_reused", session.EndReason);
        await RefreshOkAsync(other.RefreshToken);
    }
}
