using Microsoft.AspNetCore.Diagnostics;
using TokenVersioning.Domain.Errors;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Api.Problems;

/// <summary>Maps the failures callers can act on to problems; anything else falls through to a plain 500 problem.</summary>
internal sealed class DomainExceptionHandler(ProblemWriter problems) : IExceptionHandler
{
    private static readonly TimeSpan ServiceUnavailableRetry = TimeSpan.FromSeconds(2);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        switch (exception)
        {
            case TooManyAttemptsException tooMany:
                RetryAfter.Set(context.Response, tooMany.RetryAfter);
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
                // RFC 9110 §15.5.2: every 401 names a scheme. Login and refresh hand out bearer tokens.
                if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer realm=\"tokenversioning\"";
                await problems.WriteAsync(context, status, domain.Code, title, domain.Message,
                    domain is AuthenticationFailedException { EndedBy: { } endedBy } ? [KeyValuePair.Create<string, object?>("endedBy", endedBy)] : null);
                return true;
            case BodyTooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                // Ours or Kestrel's own limit: one answer either way.
                await BodyTooLargeException.WriteAsync(problems, context);
                return true;
            case var unavailable when DatabaseUnavailableException.Describes(unavailable):
                // Never a 500 and never a hang: the client may retry shortly; nothing was half-written (every
                // change is one transaction, rolled back when the database went away).
                RetryAfter.Set(context.Response, ServiceUnavailableRetry);
                await problems.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "service_unavailable", "Service unavailable",
                    "The database did not answer in time; retry shortly.");
                return true;
            case BadHttpRequestException bad:
                await problems.WriteAsync(context, bad.StatusCode, "bad_request", "Bad request", "The request could not be read.");
                return true;
            default:
                return false;
        }
    }
}
