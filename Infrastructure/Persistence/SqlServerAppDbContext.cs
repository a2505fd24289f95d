using Microsoft.EntityFrameworkCore;

namespace TokenVersioning.Infrastructure.Persistence;

public sealed class SqlServerAppDbContext(DbContextOptions<SqlServerAppDbContext> options) : AppDbContext(options);
