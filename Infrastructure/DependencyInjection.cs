using Microsoft.AspNetCore.Identity;
using TokenOptions = TokenVersioning.Infrastructure.Tokens.TokenOptions;
using SignInOptions = TokenVersioning.Infrastructure.Accounts.SignInOptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure.Accounts;
using TokenVersioning.Infrastructure.Admin;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Clients;
using TokenVersioning.Infrastructure.Persistence;
using TokenVersioning.Infrastructure.Revocation;
using TokenVersioning.Infrastructure.Sessions;
using TokenVersioning.Infrastructure.Startup;
using TokenVersioning.Infrastructure.Telemetry;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Infrastructure;

public static class DependencyInjection
{
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.Section).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<TokenOptions>, DevelopmentSigningKeyStore>();
        services.AddSingleton<IPostConfigureOptions<TokenOptions>, TokenIssuerDefault>();
        services.AddSingleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>();
        services.AddOptions<RevocationCacheOptions>().BindConfiguration(RevocationCacheOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RevocationCacheOptions>, RevocationCacheOptionsValidator>();
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInOptions>, SignInOptionsValidator>();
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SessionOptions>, SessionOptionsValidator>();
        services.AddOptions<RevocationPropagationOptions>().BindConfiguration(RevocationPropagationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RevocationPropagationOptions>, RevocationPropagationOptionsValidator>();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapOptionsValidator>();

        builder.AddDatabase();
        // Hosted services start in this order: the schema exists before the first poll of the revocation log.
        services.AddHostedService<DatabaseInitializer>();

        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<IUserKeyDerivation>(sp => sp.GetRequiredService<SigningKeyRing>());
        services.AddSingleton<IUserStateSource, DbUserStateSource>();
        services.AddSingleton<TokenVersioningMetrics>();
        services.AddSingleton<RevocationConfirmation>();
        services.AddSingleton<UserStateCache>();
        services.AddHostedService<UserStateChecks>();
        builder.AddRevocationPropagation();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<TokenPairFactory>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<PasswordService>();
        services.AddScoped<SignInGuard>();
        services.AddSingleton<ProfileCache>();

        services.AddScoped<RevocationService>();
        services.AddScoped<SessionService>();
        services.AddScoped<AccountService>();
        services.AddScoped<AdminService>();
        services.AddScoped<ApiClientService>();
        services.AddSingleton<ClientStreams>();
        services.AddScoped<OAuthTokenService>();
        return builder;
    }

    /// <summary>The revocation log poll always; the Redis fast channel when <c>Invalidation:Redis</c> is set.</summary>
    private static void AddRevocationPropagation(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<RevocationFeed>();
        services.AddSingleton<RevocationLogSignal>();
        services.AddSingleton<NodeRevocations>();
        services.AddHostedService<RevocationLogPoller>();
        if (!RevocationPropagationOptions.UsesRedis(builder.Configuration))
        {
            services.AddSingleton<IRevocationPublisher, PollingOnlyPublisher>();
            return;
        }

        services.AddSingleton<RedisRevocationChannel>();
        services.AddSingleton<IRevocationPublisher>(sp => sp.GetRequiredService<RedisRevocationChannel>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisRevocationChannel>());
    }

    private static void AddDatabase(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DatabaseOptions.Section);
        var providerText = section["Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new InvalidSettingException(
                $"Database:Provider '{providerText}' is not supported; use {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        var timeout = (section.Get<DatabaseOptions>() ?? new DatabaseOptions()).TimeoutSeconds;
        var connectionString = builder.Configuration.GetConnectionString("TokenVersioning");
        // No retrying execution strategy: a database that does not answer gets a 503 within Database:Timeout,
        // not a minute of retries. Connecting and each command are bounded by the same timeout.
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new SqliteConnectionStringBuilder(connectionString ?? DefaultSqliteConnectionString(builder.Environment.ContentRootPath))
                    { DefaultTimeout = timeout };
                builder.Services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(sqlite.ConnectionString));
                break;
            case DatabaseProvider.SqlServer:
                var sqlServer = new SqlConnectionStringBuilder(RequireConnectionString(connectionString, provider))
                    { ConnectTimeout = timeout, CommandTimeout = timeout };
                builder.Services.AddDbContext<AppDbContext, SqlServerAppDbContext>(o =>
                    o.UseSqlServer(sqlServer.ConnectionString, sql => sql.CommandTimeout(timeout)));
                break;
            case DatabaseProvider.Postgres:
                // Measured against a server that stops answering mid-connection: Npgsql gives up after the
                // command timeout plus twice the connection timeout (its cancel request goes unanswered too), and
                // does not end sooner when the request's token fires. So the two share Database:Timeout, most of it
                // for the command, which may wait on row locks (5 s: 1 s to connect or wait for a pooled
                // connection, 3 s per command).
                var connect = Math.Clamp(timeout / 5, 1, 5);
                var command = Math.Max(1, timeout - (2 * connect));
                var postgres = new NpgsqlConnectionStringBuilder(RequireConnectionString(connectionString, provider))
                    { Timeout = connect, CommandTimeout = command, CancellationTimeout = -1 };
                builder.Services.AddDbContext<AppDbContext, PostgresAppDbContext>(o =>
                    o.UseNpgsql(postgres.ConnectionString, pg => pg.CommandTimeout(command)));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported.");
        }
    }

    private static string DefaultSqliteConnectionString(string contentRoot)
    {
        var directory = Path.Combine(contentRoot, "App_Data");
        Directory.CreateDirectory(directory);
        return $"Data Source={Path.Combine(directory, "tokenversioning.db")}";
    }

    private static string RequireConnectionString(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidSettingException($"ConnectionStrings:TokenVersioning is required when Database:Provider is {provider}.")
            : connectionString;
}
