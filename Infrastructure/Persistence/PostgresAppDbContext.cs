using Microsoft.EntityFrameworkCore;

namespace TokenVersioning.Infrastructure.Persistence;

/// <summary>PostgreSQL: bigint versions, bytea salts held to 32 bytes by a check, uuid keys, timestamptz, text[] roles.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        RequireExactBinaryLengths(modelBuilder, "octet_length");
    }
}
