namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>
/// How revocations made on one node reach the others: the log every node polls, and the optional Redis fast
/// channel. Bound from the <c>Invalidation</c> section (the name operators configure, kept as it was).
/// </summary>
public sealed class RevocationPropagationOptions
{
    public const string Section = "Invalidation";

    /// <summary>StackExchange.Redis connection string of the fast channel; none (the default) means polling only.</summary>
    public string? Redis { get; set; }

    /// <summary>Whether the configuration turns the Redis fast channel on: what both composition roots ask.</summary>
    public static bool UsesRedis(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[$"{Section}:{nameof(Redis)}"]);

    public string Channel { get; set; } = "tokenversioning:revocations";

    /// <summary>How often each node reads the revocation log.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long revocation log entries are kept.</summary>
    public TimeSpan LogRetention { get; set; } = TimeSpan.FromDays(1);
}
