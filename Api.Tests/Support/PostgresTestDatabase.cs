using System.Data.Common;
using Npgsql;
using Respawn;

namespace TokenVersioning.Api.Tests.Support;

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
