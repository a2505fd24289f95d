using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Domain.Revocation;

namespace TokenVersioning.Api.Tests;

/// <summary>
/// A revocation this node learns of from another (through Redis or the log) tells it enough to refuse the older
/// tokens without reading the user again; a token at or past the version it was told of is read again.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class LearnedRevocationTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task ALearnedRevocation_RefusesOlderTokensWithoutARead_AndAnyOtherTokenIsReadAgain()
    {
        var account = await RegisterAsync();
        var old = await LoginAsync(account);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Get, "/api/auth/verify", old.AccessToken)).StatusCode);
        // Another node logged the user out everywhere: the database moved on, and this node hears of version 2.
        await WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TokenVersion, 2)));
        Factory.StateCache.Apply(account.Id, 2, RevocationRule.For(RevocationEvent.LogoutAll));
        var loads = Factory.StateSource.LoadsOf(account.Id);

        await AssertUnauthorizedAsync(await SendAsync(HttpMethod.Get, "/api/auth/verify", old.AccessToken), "token_revoked");
        Assert.Equal(loads, Factory.StateSource.LoadsOf(account.Id));

        var current = await LoginAsync(account);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Get, "/api/auth/verify", current.AccessToken)).StatusCode);
        Assert.Equal(loads + 1, Factory.StateSource.LoadsOf(account.Id));
    }
}
