namespace TokenVersioning.Infrastructure.Caching;

public sealed class RevocationCacheOptions
{
    public const string Section = "RevocationCache";

    /// <summary>The staleness bound when another process changed the database and no invalidation arrived.</summary>
    public TimeSpan MaxEntryAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest this node uses a cached state without having completed a poll of the revocation log since (or
    /// having read the state itself since). Past it, states are read again before use.
    /// </summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most users held in memory at once.</summary>
    public long SizeLimit { get; set; } = 1_000_000;
}
