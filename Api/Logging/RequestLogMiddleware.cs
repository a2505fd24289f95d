using System.Diagnostics;

namespace TokenVersioning.Api.Logging;

/// <summary>
/// One log line per request: method, route template (never the path itself, which may hold ids, nor any header
/// or body), status, duration and trace id. <c>Logging:Console:FormatterName=json</c> turns it into JSON lines.
/// </summary>
internal sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var matched = new MatchedRoute();
        context.Features.Set(matched);
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information)) Write(context, matched, started);
        }
    }

    private void Write(HttpContext context, MatchedRoute matched, long started)
    {
        var route = matched.Template ?? "(no route)";
        var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        Log(logger, context.Request.Method, route, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, traceId);
    }

    /// <summary>
    /// Called right after routing: the route matched is kept, because the exception handler clears the endpoint
    /// when it writes the problem for a failure.
    /// </summary>
    public static Task RecordRouteAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<MatchedRoute>() is { } matched) matched.Template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        return next(context);
    }

    private sealed class MatchedRoute
    {
        public string? Template { get; set; }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "HTTP {Method} {Route} responded {StatusCode} in {ElapsedMs:0.0} ms (trace {TraceId})")]
    private static partial void Log(ILogger logger, string method, string route, int statusCode, double elapsedMs, string traceId);
}
