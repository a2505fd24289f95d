using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Caching;

namespace TokenVersioning.Benchmarks;

internal static class Caches
{
    /// <summary>
    /// The cache on its own, with no poll of the revocation log beside it: the staleness bound that follows the
    /// poll is set to none (every state is covered by its own read); the rest is the cache as a node runs it.
    /// </summary>
    public static UserStateCache WithoutPoll(IUserStateSource source, TimeProvider time, RevocationCacheOptions options)
    {
        options.MaxStaleness = TimeSpan.MaxValue;
        var settings = Options.Create(options);
        return new UserStateCache(source, time, settings, new RevocationConfirmation(time, settings));
    }
}
