using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// Managed heap per cached user: the real <see cref="UserStateCache"/> filled with 100,000 users (state built the
/// way the database source builds it), measured as the heap difference after full collections; then the same
/// with a size limit below the number of users, to show the limit holds.
/// </summary>
public static class MemoryMeasurement
{
    public static async Task<int> RunAsync(string[] args)
    {
        var users = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var keys = new SigningKeyRing(Options.Create(new TokenOptions
        {
            SigningKeys = [new SigningKeyOptions { Id = BenchHost.KeyId, Secret = Convert.ToBase64String(BenchHost.MasterKey) }],
        }));
        var ids = Enumerable.Range(0, users).Select(_ => Guid.NewGuid()).ToArray();

        var perUser = await MeasureAsync(keys, ids, sizeLimit: 1_000_000);
        var bookkeeping = MemoryCacheBookkeeping(ids);
        Console.WriteLine($"users cached: {users:N0}; managed heap per cached user: {perUser:F0} bytes (target: at most 256); " +
                          $"for comparison, IMemoryCache's own bookkeeping per entry, with nothing in it: {bookkeeping:F0} bytes");

        var limit = users / 2;
        using var limited = NewCache(keys, limit);
        foreach (var id in ids) await limited.GetAsync(id, CancellationToken.None);
        Console.WriteLine($"size limit {limit:N0}, users loaded {users:N0}: entries held {limited.Count:N0} " +
                          (limited.Count <= limit ? "(within the limit)" : "(OVER THE LIMIT)"));
        return limited.Count <= limit && perUser <= 256 ? 0 : 1;
    }

    private static UserStateCache NewCache(SigningKeyRing keys, long sizeLimit) =>
        Caches.WithoutPoll(new GeneratedUserSource(keys), TimeProvider.System,
            new RevocationCacheOptions { MaxEntryAge = TimeSpan.FromHours(1), SizeLimit = sizeLimit });

    private static async Task<double> MeasureAsync(SigningKeyRing keys, Guid[] ids, long sizeLimit)
    {
        using var cache = NewCache(keys, sizeLimit);
        await cache.GetAsync(Guid.NewGuid(), CancellationToken.None); // warm the cache's own structures
        var before = Heap();
        foreach (var id in ids) await cache.GetAsync(id, CancellationToken.None);
        var after = Heap();
        if (cache.Count < ids.Length) throw new InvalidOperationException($"Only {cache.Count} of {ids.Length} users were cached.");
        GC.KeepAlive(cache);
        return (after - before) / (double)ids.Length;
    }

    /// <summary>The same number of IMemoryCache entries with the same options, all holding one shared object.</summary>
    private static double MemoryCacheBookkeeping(Guid[] ids)
    {
        using var cache = new Microsoft.Extensions.Caching.Memory.MemoryCache(
            new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions { SizeLimit = 1_000_000 });
        var shared = new object();
        var options = new Microsoft.Extensions.Caching.Memory.MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1) };
        var before = Heap();
        foreach (var id in ids) Microsoft.Extensions.Caching.Memory.CacheExtensions.Set(cache, id, shared, options);
        var after = Heap();
        GC.KeepAlive(cache);
        return (after - before) / (double)ids.Length;
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
