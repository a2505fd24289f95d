using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure;
using TokenVersioning.Infrastructure.Persistence;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// The service's own composition (<c>AddInfrastructure</c>) on a database of its own, migrated and seeded with
/// users whose tokens the benchmarks validate.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    public const string KeyId = "bench";
    public static readonly byte[] MasterKey = SHA256.HashData("tokenversioning benchmark master key"u8);
    public const string Issuer = "https://tokenversioning.bench";
    public const string Audience = "tokenversioning-api";

    private readonly IHost _host;
    private readonly string? _sqliteFile;

    private BenchHost(IHost host, string? sqliteFile)
    {
        _host = host;
        _sqliteFile = sqliteFile;
    }

    public IServiceProvider Services => _host.Services;

    /// <param name="provider">Sqlite (a temporary file) or Postgres (a fresh database on BENCH_POSTGRES's server).</param>
    /// <param name="keepSqliteFile">A SQLite file to create and keep, instead of a temporary one.</param>
    public static async Task<BenchHost> StartAsync(string provider = "Sqlite", string? keepSqliteFile = null)
    {
        string? file = null;
        string connection;
        if (provider == "Sqlite")
        {
            file = keepSqliteFile is null ? Path.Combine(Path.GetTempPath(), $"tv-bench-{Guid.NewGuid():N}.db") : null;
            connection = $"Data Source={file ?? keepSqliteFile}";
        }
        else
        {
            var server = Environment.GetEnvironmentVariable("BENCH_POSTGRES")
                         ?? throw new InvalidOperationException("BENCH_POSTGRES (an Npgsql connection string) is not set.");
            connection = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = $"tv_bench_{Guid.NewGuid():N}" }.ConnectionString;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Benchmark" });
        builder.Logging.ClearProviders();
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:TokenVersioning"] = connection,
            ["Database:MigrateOnStartup"] = "true",
            ["Tokens:SigningKeys:0:Id"] = KeyId,
            ["Tokens:SigningKeys:0:Secret"] = Convert.ToBase64String(MasterKey),
            ["Tokens:Issuer"] = Issuer,
            ["Tokens:Audience"] = Audience,
            ["Tokens:AccessTokenLifetime"] = "02:00:00",
        };
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddInfrastructure();
        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host, file);
    }

    /// <summary>Inserts users directly (no password hashing: these never log in) and returns their ids.</summary>
    public async Task<List<Guid>> SeedUsersAsync(int count)
    {
        var ids = new List<Guid>(count);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        for (var start = 0; start < count; start += 1000)
        {
            for (var i = start; i < Math.Min(count, start + 1000); i++)
            {
                var id = Guid.CreateVersion7();
                ids.Add(id);
                db.Users.Add(new User
                {
                    Id = id, Email = $"bench{i}@example.com", NormalizedEmail = $"BENCH{i}@EXAMPLE.COM", PasswordHash = "not-a-hash",
                    Roles = [Role.User], SecuritySalt = RandomNumberGenerator.GetBytes(User.SaltLength), CreatedAt = DateTimeOffset.UtcNow,
                });
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        return ids;
    }

    /// <summary>An access token for the user as the service would issue it.</summary>
    public async Task<string> IssueAsync(Guid userId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        var subject = new AccessTokenSubject(user.Id, Guid.CreateVersion7(), user.TokenVersion, user.SecuritySalt, user.Roles);
        return Services.GetRequiredService<AccessTokenIssuer>().Issue(subject).Token;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (_sqliteFile is null && db.Database.ProviderName!.Contains("Npgsql")) await db.Database.EnsureDeletedAsync();
        }

        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_sqliteFile is not null) File.Delete(_sqliteFile);
    }
}
