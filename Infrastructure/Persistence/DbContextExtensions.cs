using Microsoft.EntityFrameworkCore;

namespace TokenVersioning.Infrastructure.Persistence;

internal static class DbContextExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed when it returns, rolled back when it throws. It
    /// runs once: the service configures no retrying execution strategy (a database that does not answer gets a 503
    /// within <c>Database:Timeout</c>), and the change tracker is cleared first so that nothing tracked before is
    /// saved by it.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(this AppDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(token);
            var result = await work(token);
            await tx.CommitAsync(token);
            return result;
        }, ct);
}
