using System.Net;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Infrastructure.Revocation;

namespace TokenVersioning.Api.Tests;

/// <summary>
/// A revocation this node hears of from another (through Redis or the log, into its inbox) tells it enough to
/// refuse the older tokens without reading the user again; a token at or past the version it heard of is read again.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HeardRevocationTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task AHeardRevocation_RefusesOlderTokensWithoutARead_AndAnyOtherTokenIsReadAgain()
    {
        var account = await RegisterAsync();
        var old = await LoginAsync(account);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Get, "/api/auth/verify", old.AccessToken)).StatusCode);
        // Another node logged the user out everywhere: the database moved on, and this node hears of version 2.
        await WithDbAsync(db => db.Users.Where(u => u.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TokenVersion, 2)));
        Factory.Services.GetRequiredService<NodeRevocations>()
            .Heard(new RevocationMessage(account.Id, 2, DateTimeOffset.UtcNow, RevocationRule.For(RevocationEvent.LogoutAll).AuditName));
        var loads = Factory.StateSource.LoadsOf(account.Id);

        await AssertUnauthorizedAsync(await SendAsync(HttpMethod.Get, "/api/auth/verify", old.AccessToken), "token_revoked");
        Assert.Equal(loads, Factory.StateSource.LoadsOf(account.Id));

        var current = await LoginAsync(account);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Get, "/api/auth/verify", current.AccessToken)).StatusCode);
        Assert.Equal(loads + 1, Factory.StateSource.LoadsOf(account.Id));
    }
}
