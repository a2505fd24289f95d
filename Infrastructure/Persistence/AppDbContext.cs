using Microsoft.EntityFrameworkCore;
using TokenVersioning.Domain.Audit;
using TokenVersioning.Domain.Sessions;
using TokenVersioning.Domain.Users;

namespace TokenVersioning.Infrastructure.Persistence;

/// <summary>
/// The unit of work. One subclass per provider carries that provider's migrations; everything else uses this type.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
}
