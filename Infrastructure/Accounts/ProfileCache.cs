using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Infrastructure.Accounts;

/// <summary>
/// Immutable profile fields for <c>GET /api/users/me</c>, so answering it costs no database read: email, display
/// name and creation time are init-only on <c>User</c> (the compiler refuses any code that would change them), and
/// a deleted user's tokens are refused before the route runs.
/// Roles do change (an admin sets them, which raises the version), so they are not here: <c>/me</c> answers the
/// verified token's roles, which are the current ones. Bounded by <c>RevocationCache:SizeLimit</c>.
/// </summary>
public sealed class ProfileCache(IServiceScopeFactory scopes, IOptions<RevocationCacheOptions> options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimit });
    private readonly MemoryCacheEntryOptions _entry = new() { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) };

    public async ValueTask<Profile?> GetAsync(Guid userId, CancellationToken ct)
    {
        if (_cache.TryGetValue(userId, out Profile? profile)) return profile;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        profile = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new Profile(u.Id, u.Email, u.DisplayName, u.CreatedAt))
            .SingleOrDefaultAsync(ct);
        if (profile is not null) _cache.Set(userId, profile, _entry);
        return profile;
    }

    public void Dispose() => _cache.Dispose();
}
