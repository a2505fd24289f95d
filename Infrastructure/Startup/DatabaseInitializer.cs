using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure.Accounts;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Infrastructure.Startup;

/// <summary>Before the server listens: applies migrations when asked to, then makes sure the first admin exists.</summary>
internal sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IHostEnvironment environment,
    IOptions<DatabaseOptions> database,
    IOptions<BootstrapOptions> bootstrap,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    internal const string DemoAdminEmail = "admin@tokenversioning.local";

    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (database.Value.MigrateOnStartup ?? environment.IsDevelopment())
        {
            // Schema changes may take longer than a request may wait (Database:Timeout).
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            db.Database.SetConnectionString(MigrationConnections.Patient(db.Database.GetConnectionString()!, database.Value.Provider));
            // The database and the history table first: on a new database the migrator's first read of the history
            // otherwise fails, and EF logs that handled failure as an error on every first start.
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync(ct)) await creator.CreateAsync(ct);
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
            await db.Database.CreateExecutionStrategy().ExecuteAsync(db.Database.MigrateAsync, ct);
            logger.LogInformation("Database migrations applied ({Provider}).", database.Value.Provider);
        }

        await EnsureAdminAsync(scope.ServiceProvider, db, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task EnsureAdminAsync(IServiceProvider services, AppDbContext db, CancellationToken ct)
    {
        var (email, password) = (bootstrap.Value.AdminEmail, bootstrap.Value.AdminPassword);
        var demo = email is null && environment.IsDevelopment();
        if (demo) email = DemoAdminEmail;
        if (email is null) return;

        var normalized = User.Normalize(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct)) return;

        // Start-up validation requires Bootstrap:AdminPassword whenever Bootstrap:AdminEmail is set: only the demo
        // admin comes without one, and gets a generated password.
        password ??= RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

        var accounts = services.GetRequiredService<AccountService>();
        var admin = await accounts.CreateUserAsync(email, password, "Administrator", [Role.Admin, Role.User], ct);
        logger.LogInformation("Created the bootstrap admin {UserId}.", admin.Id);
        if (demo)
        {
            // Printed once, to the console only (never through the logger), when the demo admin is created.
            Console.WriteLine($"""

                ==== Development demo admin (shown once) ====
                email:    {email}
                password: {password}
                =============================================

                """);
        }
    }
}
