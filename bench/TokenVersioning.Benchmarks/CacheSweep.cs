using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// <c>sweep [USERS...]</c> (default 1,000 10,000 100,000 1,000,000): the per-request check as the number of cached
/// users grows. For each size, a fresh <see cref="UserStateCache"/> is filled with that many users (the state built
/// as the database source builds it, key derivation included, without the database round trip), then tokens of up
/// to 50,000 distinct ones, in random order, are validated by the real <see cref="AccessTokenValidator"/>: once (a
/// cached user, a token not seen before: the full signature check), then in passes of at least 200,000
/// validations in all (a repeated token), the fastest pass kept. Prints a
/// table and one machine-readable line per size (<c>sweep,users,…</c>) that scripts/bench-sweep.sh charts.
/// </summary>
public static class CacheSweep
{
    private const int Sample = 50_000;

    public static async Task<int> RunAsync(string[] args)
    {
        int[] sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1_000, 10_000, 100_000, 1_000_000];
        var tokenOptions = Options.Create(new TokenOptions
        {
            SigningKeys = [new SigningKeyOptions { Id = BenchHost.KeyId, Secret = Convert.ToBase64String(BenchHost.MasterKey) }],
            Issuer = BenchHost.Issuer,
            Audience = BenchHost.Audience,
            AccessTokenLifetime = TimeSpan.FromHours(2),
        });
        var keys = new SigningKeyRing(tokenOptions);
        var issuer = new AccessTokenIssuer(keys, tokenOptions, TimeProvider.System);
        var rows = new List<(int Users, double Repeated, double FromArray, double NewToken, double Bytes, double MissMicros, double ResidentMb)>();

        // A first, unreported round at the smallest size: the JIT's tiers settle before anything is measured.
        foreach (var (users, warmUp) in sizes.Take(1).Select(u => (u, true)).Concat(sizes.Select(u => (u, false))))
        {
            var ids = Enumerable.Range(0, users).Select(_ => Guid.NewGuid()).ToArray();
            using var cache = Caches.WithoutPoll(new GeneratedUserSource(keys), TimeProvider.System,
                new RevocationCacheOptions { MaxEntryAge = TimeSpan.FromHours(1), SizeLimit = users * 2L });
            var validator = new AccessTokenValidator(keys, cache, tokenOptions, TimeProvider.System);
            await cache.GetAsync(Guid.NewGuid(), CancellationToken.None); // the cache's own structures, warm

            var before = Heap();
            var fill = Stopwatch.StartNew();
            foreach (var id in ids) await cache.GetAsync(id, CancellationToken.None);
            fill.Stop();
            var bytes = (Heap() - before) / (double)users;
            var resident = Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024.0);

            // Distinct users, one token each, in random order: a user's memo holds its own token only.
            var picked = ids.ToArray();
            new Random(users).Shuffle(picked);
            var headers = picked.Take(Math.Min(Sample, users))
                .Select(id => "Bearer " + issuer.Issue(new AccessTokenSubject(id, Guid.NewGuid(), 1, GeneratedUserSource.SaltOf(id), ["user"])).Token)
                .ToArray();
            var newToken = await TimeAsync(validator, headers);
            // At least 200,000 repeated validations per size (more passes where fewer users), the fastest pass kept.
            var (repeated, fromArray) = (double.MaxValue, double.MaxValue);
            for (var pass = 0; pass < Math.Max(3, 200_000 / headers.Length) * (warmUp ? 5 : 1); pass++)
            {
                repeated = Math.Min(repeated, await TimeAsync(validator, headers));
                fromArray = Math.Min(fromArray, await TimeAsync(validator, headers, fromArray: true));
            }

            if (warmUp) continue;
            rows.Add((users, repeated, fromArray, newToken, bytes, fill.Elapsed.TotalMicroseconds / users, resident));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sweep,{users},{repeated:F0},{newToken:F0},{bytes:F0},{fill.Elapsed.TotalMicroseconds / users:F2},{resident:F0},{fromArray:F0}"));
        }

        var baseline = rows[0].Repeated;
        Console.WriteLine();
        Console.WriteLine("| cached users | hit, repeated token (ns) | ÷ at the smallest | the same, token read from the array (ns) | ÷ at the smallest | hit, new token (ns) | bytes per cached user | miss: state built (µs) | resident memory (MB) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Users:N0} | {r.Repeated:F0} | {r.Repeated / baseline:F2} | {r.FromArray:F0} | {r.FromArray / rows[0].FromArray:F2} | {r.NewToken:F0} | {r.Bytes:F0} | {r.MissMicros:F2} | {r.ResidentMb:F0} |"));
        var largest = rows[^1];
        var met = largest.Repeated / baseline <= 1.3 && rows.All(r => r.Bytes <= 256);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hit at {largest.Users:N0} ÷ hit at {rows[0].Users:N0} = {largest.Repeated / baseline:F2} (target <= 1.3); bytes per user at most {rows.Max(r => r.Bytes):F0} (target <= 256)"));
        return met ? 0 : 1;
    }

    /// <summary>
    /// Mean nanoseconds per validation over the headers, in order; every one must be accepted. Each token is first
    /// copied into one request buffer, untimed: a server checks a token it has just read from the connection, so
    /// its text is in the processor's caches whatever the number of users. (Timed from the array, the run measured
    /// fetching up to 50,000 token texts, ~20 MB, from main memory: more of them at the larger sizes, which is no
    /// cost of the cache.) Only the state lookup and the check are timed.
    /// </summary>
    /// <param name="fromArray">The former way, kept as a column: each token checked where it lies in the array.</param>
    private static async Task<double> TimeAsync(AccessTokenValidator validator, string[] headers, bool fromArray = false)
    {
        var buffer = new char[headers.Max(h => h.Length)];
        long ticks = 0;
        foreach (var header in headers)
        {
            var token = BearerHeader.TokenOf(header);
            if (!fromArray) token.CopyTo(buffer);
            var started = Stopwatch.GetTimestamp();
            var result = await validator.ValidateAsync(fromArray ? token : buffer.AsMemory(0, token.Length), CancellationToken.None);
            ticks += Stopwatch.GetTimestamp() - started;
            if (!result.Succeeded) throw new InvalidOperationException($"A generated token was refused: {result.Failure}.");
        }

        return ticks * (1e9 / Stopwatch.Frequency) / headers.Length;
    }

    private static long Heap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
