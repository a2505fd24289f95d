using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TokenVersioning.Api.Health;

/// <summary>
/// <c>/health/ready</c>'s body: the overall status and each check by name, with why it is not healthy, so that an
/// operator (or a load balancer's log) sees the cause, not only a status code. Never an exception's text.
/// </summary>
internal static class HealthAnswer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        var answer = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Status == HealthStatus.Healthy ? null : e.Value.Description ?? "The check did not answer in time.",
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(answer, Json));
    }
}
