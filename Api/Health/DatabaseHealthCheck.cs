using Microsoft.Extensions.Diagnostics.HealthChecks;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Api.Health;

/// <summary>Unhealthy when the database does not answer (the registration bounds the wait).</summary>
internal sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    private const string NoAnswer = "The database does not answer.";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(NoAnswer);
        }
        catch (Exception e) when (DatabaseUnavailableException.Describes(e) || e is OperationCanceledException)
        {
            // The answer names the cause in words; the driver's message (with its host and port) stays out of it.
            return HealthCheckResult.Unhealthy(NoAnswer);
        }
    }
}
