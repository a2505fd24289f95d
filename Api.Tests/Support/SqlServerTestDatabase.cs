using System.Data.Common;
using Microsoft.Data.SqlClient;
using Respawn;

namespace TokenVersioning.Api.Tests.Support;

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
