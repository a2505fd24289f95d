using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
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

internal sealed class SqliteTestDatabase(string path) : TestDatabase
{
    public override string Provider => "Sqlite";
    public override string ConnectionString => $"Data Source={path}";
    public override IDbAdapter Adapter => DbAdapter.Sqlite;

    public override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    public override Task DropAsync()
    {
        SqliteConnection.ClearAllPools();
        return Task.CompletedTask; // the file goes with the factory's directory
    }
}

internal sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name;

    public PostgresTestDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name, MaxPoolSize = 150 }.ConnectionString;
    }

    public override string Provider => "Postgres";
    public override string ConnectionString { get; }
    public override IDbAdapter Adapter => DbAdapter.Postgres;
    public override string[] Schemas => ["public"];

    public override DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString);

    public override async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

internal sealed class SqlServerTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name;

    public SqlServerTestDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new SqlConnectionStringBuilder(server) { InitialCatalog = _name }.ConnectionString;
    }

    public override string Provider => "SqlServer";
    public override string ConnectionString { get; }
    public override IDbAdapter Adapter => DbAdapter.SqlServer;

    public override DbConnection CreateConnection() => new SqlConnection(ConnectionString);

    public override async Task DropAsync()
    {
        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(new SqlConnectionStringBuilder(_server) { InitialCatalog = "master", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new SqlCommand(
            $"IF DB_ID('{_name}') IS NOT NULL BEGIN ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}]; END", connection);
        await command.ExecuteNonQueryAsync();
    }
}
