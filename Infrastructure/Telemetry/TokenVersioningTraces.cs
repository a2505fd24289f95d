using System.Diagnostics;

namespace TokenVersioning.Infrastructure.Telemetry;

/// <summary>
/// The service's own spans, on the source <c>TokenVersioning</c>: one per revocation (with the event and the new
/// version), and the Redis channel's <c>PUBLISH</c> and <c>RECEIVE</c>. Never a token, salt or hash.
/// </summary>
public static class TokenVersioningTraces
{
    public static readonly ActivitySource Source = new(TokenVersioningMetrics.MeterName);
}
