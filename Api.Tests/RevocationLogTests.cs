using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Domain.Revocation;

namespace TokenVersioning.Api.Tests;

/// <summary>The revocation log keeps what other nodes and services still need, and no more.</summary>
[Collection(ApiCollection.Name)]
public sealed class RevocationLogTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task EntriesOlderThanTheRetention_ArePruned_AndRecentOnesKept()
    {
        var now = Factory.Time.GetUtcNow();
        await WithDbAsync(async db =>
        {
            db.RevocationLog.Add(new RevocationLogEntry { UserId = Guid.NewGuid(), TokenVersion = 2, Event = "logout", At = now.AddDays(-2) });
            db.RevocationLog.Add(new RevocationLogEntry { UserId = Guid.NewGuid(), TokenVersion = 3, Event = "logout", At = now.AddHours(-1) });
            return await db.SaveChangesAsync();
        });

        // The poller prunes at most once a minute, on the service's clock.
        Factory.Time.Advance(TimeSpan.FromMinutes(2));

        await Eventually.TrueAsync(async () => await WithDbAsync(db => db.RevocationLog.CountAsync()) == 1,
            TimeSpan.FromSeconds(10), "the entry past Invalidation:LogRetention was not pruned");
        Assert.Equal(3, await WithDbAsync(db => db.RevocationLog.Select(e => e.TokenVersion).SingleAsync()));
    }
}
