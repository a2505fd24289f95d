using Microsoft.AspNetCore.Http.Features;

namespace TokenVersioning.Api.Problems;

/// <summary>
/// Every request body of this API is a few hundred bytes; anything far larger is refused as a 400 problem before
/// a byte of it is parsed, whether or not it declares its length.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, ProblemWriter problems)
{
    public const long MaxBodyBytes = 16 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return problems.WriteAsync(context, StatusCodes.Status400BadRequest, "body_too_large", "Bad request",
                $"The request body is larger than {MaxBodyBytes} bytes.");
        }

        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limit is { IsReadOnly: false }) limit.MaxRequestBodySize = MaxBodyBytes;
        return next(context);
    }
}
