using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>What the revocation tests share: a user signed in on two devices, and the checks every row makes.</summary>
public abstract class RevocationTest(ApiFactory factory) : ApiTest(factory)
{
    protected async Task<(Account Account, Tokens Laptop, Tokens Phone, byte[] Salt)> TwoDevicesAsync()
    {
        var account = await RegisterAsync();
        var laptop = await LoginAsync(account, "laptop");
        var phone = await LoginAsync(account, "phone");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(laptop.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(phone.AccessToken)).StatusCode);
        return (account, laptop, phone, (await UserRowAsync(account.Id)).SecuritySalt);
    }

    /// <summary>Each device's access token is refused on the very next request.</summary>
    protected async Task AssertRevokedAsync(params Tokens[] devices)
    {
        foreach (var device in devices) await AssertUnauthorizedAsync(await GetMeAsync(device.AccessToken), "token_revoked");
    }

    /// <summary>A 200 token response for the caller's own session, whose access token works.</summary>
    protected async Task<Tokens> AssertNewPairForAsync(HttpResponseMessage response, Tokens caller)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pair = (await response.Content.ReadFromJsonAsync<Tokens>())!;
        Assert.Equal(caller.SessionId, pair.SessionId);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(pair.AccessToken)).StatusCode);
        return pair;
    }

    protected async Task AssertAuditAsync(Guid userId, string evt, long version, Guid? actor)
    {
        var audit = await WithDbAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.UserId == userId).Where(Audited.Revocations).OrderBy(a => a.Id).ToListAsync());
        var last = audit[^1];
        Assert.Equal(evt, last.Event);
        Assert.Equal(version, last.TokenVersion);
        Assert.Equal(actor, last.ActorId);
        // The same change, in the revocation log the other nodes read: one entry per bump, in the same transaction.
        var log = await WithDbAsync(db => db.RevocationLog.AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(audit.Select(a => (a.Event, a.TokenVersion)), log.Select(e => (e.Event, e.TokenVersion)));
    }
}
