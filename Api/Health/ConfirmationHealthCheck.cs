using Microsoft.Extensions.Diagnostics.HealthChecks;
using TokenVersioning.Infrastructure.Revocation;

namespace TokenVersioning.Api.Health;

/// <summary>Unhealthy while this node has not completed a poll of the revocation log within <c>RevocationCache:MaxStaleness</c>.</summary>
internal sealed class ConfirmationHealthCheck(NodeRevocations revocations) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(revocations switch
        {
            { IsConfirmed: true } => HealthCheckResult.Healthy(),
            { ConfirmationAge: { } age } => HealthCheckResult.Unhealthy(
                $"This node has not completed a read of the revocation log for {age.TotalSeconds:F0} s (RevocationCache:MaxStaleness is {revocations.MaxStaleness.TotalSeconds:F0} s)."),
            _ => HealthCheckResult.Unhealthy("This node has not yet completed a read of the revocation log."),
        });
}
