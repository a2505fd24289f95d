using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Respawn;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Revocation;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>
/// The service in-process on a real database (<see cref="TestDatabase"/>: SQLite by default, PostgreSQL or SQL
/// Server when asked), migrated at start-up, with a fake clock. Respawn empties every table (but the migrations
/// history) before each test.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ActiveKeyId = "k2";
    public const string OldKeyId = "k1";

    /// <summary>The tests' <c>Tokens:Issuer</c>: outside Development it must be an https URL.</summary>
    public const string Issuer = "https://tokenversioning.test";
    public static readonly string ActiveSecret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string OldSecret = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    private readonly string _directory;
    private readonly bool _ownsDirectory;
    private readonly TestDatabase _database;
    private Respawner? _respawner;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public LogSink Logs { get; } = new();

    internal GatedUserStateSource StateSource => Services.GetRequiredService<GatedUserStateSource>();

    public GatedPasswordHasher PasswordHasher => Services.GetRequiredService<GatedPasswordHasher>();

    public UserStateCache StateCache => Services.GetRequiredService<UserStateCache>();

    public string ConnectionString => _database.ConnectionString;

    public string Provider => _database.Provider;

    public ApiFactory() : this(null)
    {
    }

    /// <param name="directory">Where the database (and the content root) live; kept after disposal when given.</param>
    protected ApiFactory(string? directory)
    {
        _directory = directory ?? NewDirectory();
        _ownsDirectory = directory is null;
        _database = TestDatabase.Create(_directory);
        KeepDatabase = !_ownsDirectory;
    }

    /// <summary>Leave the database for another factory over the same directory (true when a directory was given).</summary>
    public bool KeepDatabase { get; init; }

    public static string NewDirectory() => Path.Combine(Path.GetTempPath(), "tokenversioning-tests", Guid.NewGuid().ToString("N"));

    protected virtual string Environment => "Testing";

    /// <summary>Whether the service runs on <see cref="Time"/> (a fake clock) rather than the real one.</summary>
    protected virtual bool UsesFakeTime => true;

    /// <summary>The one way a test host changes its settings: edit the suite's (set, replace or remove keys).</summary>
    protected virtual void Edit(Dictionary<string, string> settings)
    {
    }

    private Dictionary<string, string> Settings()
    {
        var settings = SuiteSettings().ToDictionary();
        Edit(settings);
        return settings;
    }

    private IEnumerable<KeyValuePair<string, string>> SuiteSettings() =>
    [
        new("Database:Provider", _database.Provider),
        new("ConnectionStrings:TokenVersioning", ConnectionString),
        new("Database:MigrateOnStartup", "true"),
        new("Tokens:SigningKeys:0:Id", OldKeyId),
        new("Tokens:SigningKeys:0:Secret", OldSecret),
        new("Tokens:SigningKeys:1:Id", ActiveKeyId),
        new("Tokens:SigningKeys:1:Secret", ActiveSecret),
        new("Tokens:ActiveKeyId", ActiveKeyId),
        new("Tokens:Issuer", Issuer),
        new("RateLimiting:Enabled", "false"),
        new("SignIn:Enabled", "false"),
        // The suite runs many hosts at once on a small machine, on a fake clock that tests move by minutes: the
        // database may take longer than in production, and the poller (on the fake clock) must not decide whether
        // a state is trusted. The cluster tests and the cache's own tests cover those two bounds.
        new("Database:Timeout", "00:00:30"),
        new("OpenApi:Enabled", "true"),
        new("RevocationCache:MaxStaleness", "01:00:00"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment(Environment);
        builder.UseContentRoot(_directory);
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            if (UsesFakeTime) services.AddSingleton<TimeProvider>(Time);
            // Real PBKDF2, fewer rounds: the suite hashes hundreds of passwords.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            services.AddSingleton<GatedPasswordHasher>();
            services.AddSingleton<IPasswordHasher<Domain.Users.User>>(sp => sp.GetRequiredService<GatedPasswordHasher>());
            services.AddSingleton<DbUserStateSource>();
            services.AddSingleton<GatedUserStateSource>();
            services.AddSingleton<IUserStateSource>(sp => sp.GetRequiredService<GatedUserStateSource>());
        });
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Start(); // starts the host, which applies the migrations
        // A node is ready once it has completed its first poll of the revocation log; tests start from there.
        var revocations = Services.GetRequiredService<NodeRevocations>();
        await Eventually.TrueAsync(() => revocations.ConfirmationAge is not null, TimeSpan.FromSeconds(30),
            "the node never completed a poll of the revocation log");
        await using var connection = await OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = _database.Adapter,
            SchemasToInclude = _database.Schemas,
            TablesToIgnore = ["__EFMigrationsHistory"],
        });
    }

    /// <summary>Starts the host: in memory (the test server) unless a subclass serves on a real port.</summary>
    protected virtual void Start() => _ = Server;

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Drops the database now (for a group of factories that kept it).</summary>
    public Task DropDatabaseAsync() => _database.DropAsync();

    public async Task ResetAsync()
    {
        await using var connection = await OpenAsync();
        await _respawner!.ResetAsync(connection);
        if (UsesFakeTime) await PollOnTheFakeClockAsync();
    }

    /// <summary>
    /// The poller waits on the fake clock, which tests move on in jumps (days, at times): moved on by a poll interval
    /// until a poll has completed, the node starts the next test confirmed at its current time, as a real one is.
    /// </summary>
    private async Task PollOnTheFakeClockAsync()
    {
        var revocations = Services.GetRequiredService<NodeRevocations>();
        var interval = Services.GetRequiredService<IOptions<RevocationPropagationOptions>>().Value.PollInterval;
        var before = Time.GetTimestamp();
        await Eventually.TrueAsync(() =>
        {
            Time.Advance(interval);
            return revocations.ConfirmationAge <= Time.GetElapsedTime(before); // the last poll started after 'before'
        }, TimeSpan.FromSeconds(10), "the node did not poll the revocation log");
    }

    public async Task<DbConnection> OpenAsync()
    {
        var connection = _database.CreateConnection();
        await connection.OpenAsync();
        return connection;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (!KeepDatabase) await _database.DropAsync();
        if (_ownsDirectory && Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
