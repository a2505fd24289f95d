using Npgsql;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>
/// One node of a test cluster: the real service on the real clock, sharing the database of every node created
/// over the same directory, reaching PostgreSQL through a <see cref="TcpProxy"/> of its own (so a test can take the
/// database away from this node alone), with the settings the test gives.
/// </summary>
public sealed class ClusterNode : ApiFactory
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    private ClusterNode(string directory, IReadOnlyDictionary<string, string> settings) : base(directory)
    {
        _settings = settings;
        Proxy = new TcpProxy(new NpgsqlConnectionStringBuilder(base.ConnectionString).Port);
    }

    public TcpProxy Proxy { get; }

    protected override bool UsesFakeTime => false;

    public static async Task<ClusterNode> StartAsync(string directory, IReadOnlyDictionary<string, string> settings)
    {
        if (TestDatabase.CurrentProvider != "Postgres")
            throw new InvalidOperationException("The cluster tests run on PostgreSQL: set TEST_DB_PROVIDER=Postgres and TEST_POSTGRES (./scripts/test.sh does).");
        var node = new ClusterNode(directory, settings);
        await ((IAsyncLifetime)node).InitializeAsync();
        return node;
    }

    protected override void Edit(Dictionary<string, string> settings)
    {
        // The production defaults, unless the test sets its own.
        settings.Remove("Database:Timeout");
        settings.Remove("RevocationCache:MaxStaleness");
        settings["ConnectionStrings:TokenVersioning"] =
            new NpgsqlConnectionStringBuilder(base.ConnectionString) { Host = "127.0.0.1", Port = Proxy.Port }.ConnectionString;
        foreach (var (key, value) in _settings) settings[key] = value;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
