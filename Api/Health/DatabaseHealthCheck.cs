using Microsoft.Extensions.Diagnostics.HealthChecks;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Api.Health;

/// <summary>Unhealthy when the database does not answer (the registration bounds the wait).</summary>
internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        await db.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
