using Microsoft.EntityFrameworkCore;

namespace TokenVersioning.Infrastructure.Persistence;

/// <summary>SQL Server: bigint versions, binary(32) salts and hashes, uniqueidentifier keys, datetimeoffset.</summary>
public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);
