using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TokenVersioning.Infrastructure.Telemetry;

namespace TokenVersioning.Api;

/// <summary>
/// Metrics and traces with OpenTelemetry: the service's meter and spans, ASP.NET Core, HTTP client, EF Core and
/// Npgsql, and the runtime. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and in the Prometheus
/// text format at <c>/metrics</c> when <c>Metrics:Prometheus</c> (default true).
/// </summary>
internal static class Telemetry
{
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = PrometheusEnabled(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("tokenversioning"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(TokenVersioningMetrics.MeterName, "Microsoft.EntityFrameworkCore", "Npgsql", "System.Runtime")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (prometheus) metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp) metrics.AddOtlpExporter();
            });
        // Spans only when something receives them: with no exporter, recording one per request is pure cost.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(TokenVersioningMetrics.MeterName, "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        return builder;
    }

    public static WebApplication MapTelemetry(this WebApplication app)
    {
        if (PrometheusEnabled(app.Configuration)) app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue("Metrics:Prometheus", true);
}
