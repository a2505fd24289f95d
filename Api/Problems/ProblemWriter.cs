using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace TokenVersioning.Api.Problems;

/// <summary>Writes an RFC 9457 problem with the contract's <c>code</c> (traceId is added by the shared customizer).</summary>
public sealed class ProblemWriter(IProblemDetailsService problems)
{
    public const string CodeKey = "code";
    public const string ForbiddenCode = "forbidden";

    public Task WriteAsync(HttpContext context, int status, string code, string title, string detail,
        IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions[CodeKey] = code;
        foreach (var (key, value) in extensions ?? []) problem.Extensions[key] = value;
        return problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    /// <summary>Adds <c>traceId</c> and, where none was set, a <c>code</c> and a <c>detail</c> that follow from the status.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Detail ??= problem is HttpValidationProblemDetails
            ? "One or more fields are invalid; see errors."
            : DetailFor(status, context.HttpContext.Request);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        problem.Extensions.TryAdd(CodeKey, problem switch
        {
            HttpValidationProblemDetails => "validation_failed",
            _ => CodeFor(status),
        });
    }

    private static string DetailFor(int status, HttpRequest request) => status switch
    {
        400 => "The request could not be read.",
        401 => "Authentication is required.",
        403 => "Your role does not allow this.",
        404 => $"There is nothing at {request.Path}.",
        405 => $"{request.Method} is not allowed on {request.Path}.",
        409 => "The request conflicts with the current state.",
        415 => "The request body must be application/json.",
        429 => "Too many requests; retry later.",
        >= 500 => "The server failed to answer this request; it has been logged.",
        _ => "The request failed.",
    };

    private static string CodeFor(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => ForbiddenCode,
        404 => "not_found",
        405 => "method_not_allowed",
        409 => "conflict",
        415 => "unsupported_media_type",
        429 => "too_many_requests",
        >= 500 => "internal_error",
        _ => "error",
    };
}
