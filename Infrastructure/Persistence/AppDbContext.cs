using Microsoft.EntityFrameworkCore;
using TokenVersioning.Domain.Audit;
using TokenVersioning.Domain.Clients;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Domain.Sessions;
using TokenVersioning.Domain.SignIn;
using TokenVersioning.Domain.Users;

namespace TokenVersioning.Infrastructure.Persistence;

/// <summary>
/// The unit of work. One subclass per provider carries that provider's migrations and column choices;
/// everything else depends on this type only.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<RevocationLogEntry> RevocationLog => Set<RevocationLogEntry>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<SignInCounter> SignInCounters => Set<SignInCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

    /// <summary>
    /// For providers whose binary type has no fixed length: a check constraint keeps salts and hashes at exactly
    /// 32 bytes. <paramref name="byteLength"/> is the provider's byte-length function.
    /// </summary>
    protected static void RequireExactBinaryLengths(ModelBuilder modelBuilder, string byteLength)
    {
        modelBuilder.Entity<User>().ToTable(t => t.HasCheckConstraint(
            "CK_Users_SecuritySalt_Length", $"{byteLength}(\"SecuritySalt\") = {User.SaltLength}"));
        modelBuilder.Entity<RefreshToken>().ToTable(t => t.HasCheckConstraint(
            "CK_RefreshTokens_Hash_Length", $"{byteLength}(\"Hash\") = {RefreshToken.HashLength}"));
    }
}
