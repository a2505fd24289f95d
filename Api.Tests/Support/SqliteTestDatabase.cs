using System.Data.Common;
using Microsoft.Data.Sqlite;
using Respawn;

namespace TokenVersioning.Api.Tests.Support;

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
