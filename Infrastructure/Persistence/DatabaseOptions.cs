namespace TokenVersioning.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Unset means "in Development only".</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>The longest a request waits for the database before it is answered 503.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><see cref="Timeout"/> in whole seconds, at least one, for connection strings.</summary>
    public int TimeoutSeconds => Math.Max(1, (int)Math.Ceiling(Timeout.TotalSeconds));
}
