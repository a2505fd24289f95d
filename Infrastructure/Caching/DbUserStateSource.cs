using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Infrastructure.Caching;

internal sealed class DbUserStateSource(IServiceScopeFactory scopes, IUserKeyDerivation keys, TimeProvider time) : IUserStateSource
{
    public async Task<UserState> LoadAsync(Guid userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var loadedAt = time.GetTimestamp();
        var row = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.TokenVersion, u.Disabled, u.SecuritySalt })
            .SingleOrDefaultAsync(ct);
        return row is null
            ? UserState.Missing(userId, loadedAt)
            : UserState.Create(userId, row.TokenVersion, row.Disabled, row.SecuritySalt, keys, loadedAt);
    }

    public async Task<IReadOnlyList<UserRow>> ReadRowsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(u => new UserRow(u.Id, u.TokenVersion, u.Disabled, u.SecuritySalt))
            .ToListAsync(ct);
    }
}
