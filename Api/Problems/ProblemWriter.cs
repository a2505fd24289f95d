using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace TokenVersioning.Api.Problems;

/// <summary>Writes an RFC 9457 problem with the contract's <c>code</c> (traceId is added by the shared customizer).</summary>
public sealed class ProblemWriter(IProblemDetailsService problems)
{
    public const string CodeKey = "code";

    public Task WriteAsync(HttpContext context, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions[CodeKey] = code;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    /// <summary>Adds <c>traceId</c> and, where none was set, a <c>code</c> that follows from the status.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        problem.Extensions.TryAdd(CodeKey, problem switch
        {
            HttpValidationProblemDetails => "validation_failed",
            _ => CodeFor(problem.Status ?? context.HttpContext.Response.StatusCode),
        });
    }

    private static string CodeFor(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        413 => "body_too_large",
        415 => "unsupported_media_type",
        429 => "too_many_requests",
        >= 500 => "internal_error",
        _ => "error",
    };
}
