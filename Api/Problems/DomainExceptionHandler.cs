using Microsoft.AspNetCore.Diagnostics;
using TokenVersioning.Domain.Errors;

namespace TokenVersioning.Api.Problems;

/// <summary>Maps the failures callers can act on to problems; anything else falls through to a plain 500 problem.</summary>
internal sealed class DomainExceptionHandler(ProblemWriter problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        switch (exception)
        {
            case TooManyAttemptsException tooMany:
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(tooMany.RetryAfter.TotalSeconds)).ToString();
                await problems.WriteAsync(context, StatusCodes.Status429TooManyRequests, tooMany.Code, "Too many requests", tooMany.Message);
                return true;
            case DomainException domain:
                var (status, title) = domain switch
                {
                    NotFoundException => (StatusCodes.Status404NotFound, "Not found"),
                    ConflictException => (StatusCodes.Status409Conflict, "Conflict"),
                    AuthenticationFailedException => (StatusCodes.Status401Unauthorized, "Unauthorized"),
                    ForbiddenException => (StatusCodes.Status403Forbidden, "Forbidden"),
                    _ => (StatusCodes.Status400BadRequest, "Bad request"),
                };
                await problems.WriteAsync(context, status, domain.Code, title, domain.Message);
                return true;
            case BodyTooLargeException:
                await BodyTooLargeException.WriteAsync(problems, context);
                return true;
            case BadHttpRequestException bad:
                await problems.WriteAsync(context, bad.StatusCode, bad.StatusCode == 413 ? "body_too_large" : "bad_request",
                    "Bad request", "The request could not be read.");
                return true;
            default:
                return false;
        }
    }
}
