namespace TokenVersioning.Infrastructure.Caching;

public sealed class RevocationCacheOptions
{
    public const string Section = "RevocationCache";

    /// <summary>The staleness bound when another process changed the database and no invalidation arrived.</summary>
    public TimeSpan MaxEntryAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most users held in memory at once.</summary>
    public long SizeLimit { get; set; } = 1_000_000;
}
