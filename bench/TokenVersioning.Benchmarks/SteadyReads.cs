using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// <c>steady-reads [USERS] [SECONDS] [REVOCATIONS_PER_SECOND]</c> (default 100,000 users, 300 s, 5/s): the database
/// reads one node's user-state cache makes while every user is active, on a simulated clock. Each simulated second
/// every user makes one request (a cache lookup), a few random users are revoked on this node (their state is
/// dropped, as a local revocation drops it), and the cache's checks run on <see cref="UserStateChecks.Period"/>, as
/// the hosted service runs them. Twice: "expiry only" (no checks: every state is read again, whole, when it
/// reaches RevocationCache:MaxEntryAge, which is what the cache did before the checks) and "with checks". Prints, per
/// run, whole-user loads and check reads (each up to 1,000 users) per second after the first minute, when every
/// user has been seen once.
/// </summary>
public static class SteadyReads
{
    public static async Task<int> RunAsync(string[] args)
    {
        var users = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
        var revocations = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var keys = new SigningKeyRing(Options.Create(new TokenOptions
        {
            SigningKeys = [new SigningKeyOptions { Id = BenchHost.KeyId, Secret = Convert.ToBase64String(BenchHost.MasterKey) }],
        }));
        var ids = Enumerable.Range(0, users).Select(_ => Guid.CreateVersion7()).ToArray();
        Console.WriteLine($"{users:N0} active users (one request each per second), {revocations} revocations/s, {seconds} simulated seconds, " +
                          $"RevocationCache:MaxEntryAge {new RevocationCacheOptions().MaxEntryAge}");
        Console.WriteLine("| run | whole-user loads/s | check reads/s | users checked/s | full signature checks/s (one per load) |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var expiry = await SimulateAsync(keys, ids, seconds, revocations, checks: false);
        var checking = await SimulateAsync(keys, ids, seconds, revocations, checks: true);
        Console.WriteLine($"steady,{expiry.LoadsPerSecond:F1},{checking.LoadsPerSecond:F1},{checking.CheckReadsPerSecond:F2},{checking.RowsPerSecond:F0}");
        return 0;
    }

    private sealed record Rates(double LoadsPerSecond, double CheckReadsPerSecond, double RowsPerSecond);

    private static async Task<Rates> SimulateAsync(SigningKeyRing keys, Guid[] ids, int seconds, int revocations, bool checks)
    {
        var clock = new FakeTimeProvider();
        var source = new GeneratedUserSource(keys, clock);
        var options = new RevocationCacheOptions { SizeLimit = ids.Length * 2L };
        using var cache = Caches.WithoutPoll(source, clock, options);
        var period = UserStateChecks.Period(options);
        var nextCheck = period;
        var random = new Random(20261201);
        var elapsed = TimeSpan.Zero;
        (long Loads, long Reads, long Rows) atMinute = default;
        for (var second = 0; second < seconds; second++)
        {
            foreach (var id in ids) await cache.GetAsync(id, CancellationToken.None);
            for (var i = 0; i < revocations; i++) cache.Invalidate(ids[random.Next(ids.Length)]);
            // The second's requests are spread over it; the clock moves in tenths so that checks and expiries interleave.
            for (var tenth = 0; tenth < 10; tenth++)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                elapsed += TimeSpan.FromMilliseconds(100);
                if (checks && elapsed >= nextCheck)
                {
                    await cache.CheckAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
                    nextCheck += period;
                }
            }

            if (second == 59) atMinute = (source.Loads, source.RowReads, source.Rows);
        }

        var steady = seconds - 60.0;
        var rates = new Rates((source.Loads - atMinute.Loads) / steady, (source.RowReads - atMinute.Reads) / steady, (source.Rows - atMinute.Rows) / steady);
        Console.WriteLine($"| {(checks ? "with checks" : "expiry only")} | {rates.LoadsPerSecond:N1} | {rates.CheckReadsPerSecond:N2} | {rates.RowsPerSecond:N0} | {rates.LoadsPerSecond:N1} |");
        return rates;
    }
}
