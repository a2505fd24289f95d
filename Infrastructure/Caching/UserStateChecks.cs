using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Infrastructure.Caching;

/// <summary>
/// Runs <see cref="UserStateCache.CheckAsync"/> every eighth of <c>RevocationCache:MaxEntryAge</c>, so that a state
/// in use is checked before it would expire and a steady load costs one read per thousand active users, not one
/// read and one full signature check per user. A failed check changes nothing: the states it did not reach expire
/// as before, and are read again (or answered 503 while the database is down).
/// </summary>
public sealed class UserStateChecks(
    UserStateCache cache,
    TimeProvider time,
    IOptions<RevocationCacheOptions> options,
    IOptions<DatabaseOptions> database,
    ILogger<UserStateChecks> logger) : BackgroundService
{
    public static TimeSpan Period(RevocationCacheOptions options) => options.MaxEntryAge / 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period(options.Value), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await cache.CheckAsync(database.Value.Timeout, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Checking cached user states against the database failed: {Error}", e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
