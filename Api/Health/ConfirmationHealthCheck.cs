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
        var confirmedAt = confirmation.ConfirmedAt;
        var confirmed = confirmedAt != long.MinValue && time.GetElapsedTime(confirmedAt) < options.Value.MaxStaleness;
        return Task.FromResult(confirmed
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("This node has not read the revocation log recently enough to trust its cache."));
    }
}
