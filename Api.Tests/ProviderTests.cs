using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ProviderTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task TheSuiteRunsOnTheProviderItWasAskedFor()
    {
        Assert.Equal(TestDatabase.CurrentProvider, Factory.Provider);
        var providerName = await WithDbAsync(db => Task.FromResult(db.Database.ProviderName));
        Assert.Contains(TestDatabase.CurrentProvider switch { "Postgres" => "Npgsql", var p => p }, providerName);
        Assert.Empty(await WithDbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }

    [Fact]
    public async Task TheDatabaseRefusesASaltThatIsNotThirtyTwoBytes()
    {
        var account = await RegisterAsync();

        var failure = await Record.ExceptionAsync(() => WithDbAsync(db => db.Users.Where(u => u.Id == account.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecuritySalt, new byte[16]))));

        // SQLite and PostgreSQL refuse it; SQL Server's binary(32) pads it to thirty-two bytes.
        var kept = failure is null ? (await UserRowAsync(account.Id)).SecuritySalt.Length : (int?)null;
        Assert.Equal(Factory.Provider == "SqlServer" ? 32 : null, kept);
    }
}
