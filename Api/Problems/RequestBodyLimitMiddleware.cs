using Microsoft.AspNetCore.Http.Features;

namespace TokenVersioning.Api.Problems;

/// <summary>
/// Every request body of this API is a few hundred bytes; anything far larger is refused as a 400 problem before
/// it is parsed: at once when it declares its length, and as soon as the limit is crossed when it does not.
/// This does not depend on the server (Kestrel, IIS or the test host) enforcing a limit of its own.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, ProblemWriter problems)
{
    public const long MaxBodyBytes = 16 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes) return BodyTooLargeException.WriteAsync(problems, context);

        if (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false)
            context.Request.Body = new LimitedReadStream(context.Request.Body, MaxBodyBytes);
        return next(context);
    }
}
