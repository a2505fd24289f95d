using System.Data.Common;
using Respawn;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>
/// The database one factory runs against, chosen by <c>TEST_DB_PROVIDER</c> (Sqlite, the default; Postgres with
/// <c>TEST_POSTGRES</c>; SqlServer with <c>TEST_SQLSERVER</c>). Each factory gets a database of its own, created
/// by the service's start-up migration and dropped at the end. A provider asked for without its server fails.
/// </summary>
public abstract class TestDatabase
{
    public const string ProviderVariable = "TEST_DB_PROVIDER";

    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }
    public abstract IDbAdapter Adapter { get; }
    public virtual string[] Schemas => [];

    public abstract DbConnection CreateConnection();

    public abstract Task DropAsync();

    public static string CurrentProvider => Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } p ? p : "Sqlite";

    public static TestDatabase Create(string directory) => CurrentProvider switch
    {
        "Sqlite" => new SqliteTestDatabase(Path.Combine(directory, "test.db")),
        "Postgres" => new PostgresTestDatabase(Require("TEST_POSTGRES"), NameFor(directory)),
        "SqlServer" => new SqlServerTestDatabase(Require("TEST_SQLSERVER"), NameFor(directory)),
        var other => throw new InvalidOperationException($"{ProviderVariable}={other} is not Sqlite, Postgres or SqlServer."),
    };

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{ProviderVariable}={CurrentProvider} needs {variable}, a connection string to a server the tests may create databases on.");

    /// <summary>One database per factory directory, so two factories over one directory share it (a restart).</summary>
    private static string NameFor(string directory) => $"tv_test_{Path.GetFileName(directory)}";
}
