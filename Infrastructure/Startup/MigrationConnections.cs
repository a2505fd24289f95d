using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Infrastructure.Startup;

/// <summary>The connection string migrations run on: the service's own, with room to connect while a server starts up.</summary>
internal static class MigrationConnections
{
    private const int Seconds = 60;

    public static string Patient(string connectionString, DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => new NpgsqlConnectionStringBuilder(connectionString) { Timeout = Seconds }.ConnectionString,
        DatabaseProvider.SqlServer => new SqlConnectionStringBuilder(connectionString) { ConnectTimeout = Seconds }.ConnectionString,
        DatabaseProvider.Sqlite => new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = Seconds }.ConnectionString,
        _ => throw new InvalidOperationException($"Database:Provider '{provider}' is not supported."),
    };
}
