using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Api.Tests;

/// <summary>Each provider's migrations match the model, and render the schema meant for it. No server needed.</summary>
public sealed class SchemaTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres", "SqlServer"];

    private static AppDbContext DesignTimeContext(string provider) => provider switch
    {
        "Sqlite" => new SqliteDesignTimeFactory().CreateDbContext([]),
        "Postgres" => new PostgresDesignTimeFactory().CreateDbContext([]),
        _ => new SqlServerDesignTimeFactory().CreateDbContext([]),
    };

    private static string Script(string provider)
    {
        using var db = DesignTimeContext(provider);
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void NoProviderHasPendingModelChanges(string provider)
    {
        using var db = DesignTimeContext(provider);

        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: run dotnet ef migrations add (see docs/databases.md).");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void SqlServerScript_HasTheTablesKeysAndIndexes()
    {
        var sql = Script("SqlServer");

        foreach (var expected in new[]
                 {
                     "CREATE TABLE [Users]", "CREATE TABLE [Sessions]", "CREATE TABLE [RefreshTokens]", "CREATE TABLE [AuditEvents]",
                     "[Id] uniqueidentifier NOT NULL", "[TokenVersion] bigint NOT NULL", "[SecuritySalt] binary(32) NOT NULL",
                     "[SessionEpoch] bigint NOT NULL", "[NormalizedEmail] nvarchar(254) NOT NULL", "[CreatedAt] datetimeoffset NOT NULL",
                     "[Hash] binary(32) NOT NULL", "[Id] bigint NOT NULL IDENTITY",
                     "CONSTRAINT [PK_Users] PRIMARY KEY ([Id])", "CONSTRAINT [PK_RefreshTokens] PRIMARY KEY ([Hash])",
                     "CONSTRAINT [FK_Sessions_Users_UserId] FOREIGN KEY ([UserId]) REFERENCES [Users] ([Id]) ON DELETE CASCADE",
                     "CONSTRAINT [FK_RefreshTokens_Sessions_SessionId] FOREIGN KEY ([SessionId]) REFERENCES [Sessions] ([Id]) ON DELETE CASCADE",
                     "CREATE UNIQUE INDEX [IX_Users_NormalizedEmail] ON [Users] ([NormalizedEmail])",
                     "CREATE INDEX [IX_Sessions_UserId_EndedAt] ON [Sessions] ([UserId], [EndedAt])",
                     "CREATE INDEX [IX_RefreshTokens_SessionId] ON [RefreshTokens] ([SessionId])",
                     "CREATE INDEX [IX_AuditEvents_UserId_Id] ON [AuditEvents] ([UserId], [Id])",
                     "CREATE INDEX [IX_Users_CreatedAt] ON [Users] ([CreatedAt])",
                     "IF NOT EXISTS", "__EFMigrationsHistory",
                 })
        {
            Assert.Contains(expected, sql);
        }
    }

    [Fact]
    public void PostgresScript_UsesItsOwnTypesAndHoldsSaltsToThirtyTwoBytes()
    {
        var sql = Script("Postgres");

        foreach (var expected in new[]
                 {
                     "\"TokenVersion\" bigint NOT NULL", "\"SecuritySalt\" bytea NOT NULL", "\"Id\" uuid NOT NULL",
                     "\"CreatedAt\" timestamp with time zone NOT NULL", "\"Roles\" text[] NOT NULL",
                     "CONSTRAINT \"CK_Users_SecuritySalt_Length\" CHECK (octet_length(\"SecuritySalt\") = 32)",
                     "CONSTRAINT \"CK_RefreshTokens_Hash_Length\" CHECK (octet_length(\"Hash\") = 32)",
                     "CREATE UNIQUE INDEX \"IX_Users_NormalizedEmail\"",
                 })
        {
            Assert.Contains(expected, sql);
        }
    }
}
