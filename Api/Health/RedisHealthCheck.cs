using Microsoft.Extensions.Diagnostics.HealthChecks;
using TokenVersioning.Infrastructure.Revocation;

namespace TokenVersioning.Api.Health;

/// <summary>
/// Degraded, never unhealthy, while the configured Redis is not connected: the log keeps the node correct, and a
/// Redis outage must not take every node out of the load balancer at once.
/// </summary>
internal sealed class RedisHealthCheck(NodeRevocations revocations) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(revocations.FastChannelConnected != true
            ? HealthCheckResult.Degraded("Redis is not connected: revocations reach this node by polling only.")
            : HealthCheckResult.Healthy());
}
