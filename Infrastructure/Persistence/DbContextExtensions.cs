using Microsoft.EntityFrameworkCore;

namespace TokenVersioning.Infrastructure.Persistence;

internal static class DbContextExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction inside the provider's execution strategy, so a retrying
    /// strategy replays the whole unit rather than half of it.
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
