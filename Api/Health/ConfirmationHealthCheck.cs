using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Caching;

namespace TokenVersioning.Api.Health;

/// <summary>Unhealthy while this node has not completed a poll of the revocation log within <c>RevocationCache:MaxStaleness</c>.</summary>
internal sealed class ConfirmationHealthCheck(RevocationConfirmation confirmation, TimeProvider time, IOptions<RevocationCacheOptions> options)
    : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (confirmation.Age(time) is not { } age)
            return Task.FromResult(HealthCheckResult.Unhealthy("This node has not yet completed a read of the revocation log."));
        return Task.FromResult(age < options.Value.MaxStaleness
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(
                $"This node has not completed a read of the revocation log for {age.TotalSeconds:F0} s (RevocationCache:MaxStaleness is {options.Value.MaxStaleness.TotalSeconds:F0} s)."));
    }
}
