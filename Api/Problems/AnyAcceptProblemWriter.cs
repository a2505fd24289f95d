using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace TokenVersioning.Api.Problems;

/// <summary>
/// The one problem writer: every problem is <c>application/problem+json</c> whatever the request's <c>Accept</c>
/// says. The framework's writers decline (or fail on) an <c>Accept</c> without JSON, and the error then became a
/// plain-text status page, an empty 500 or, in the exception handler, an exception of its own.
/// </summary>
internal sealed class AnyAcceptProblemWriter(IOptions<ProblemDetailsOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    : IProblemDetailsWriter
{
    public const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var response = context.HttpContext.Response;
        var status = problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problem.Type ??= TypeFor(status);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        var typeInfo = json.Value.SerializerOptions.GetTypeInfo(problem.GetType());
        return new ValueTask(response.WriteAsJsonAsync(problem, typeInfo, ContentType, context.HttpContext.RequestAborted));
    }

    private static string? TypeFor(int status) => status switch
    {
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        >= 400 and <= 417 => $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
        >= 500 and <= 505 => $"https://tools.ietf.org/html/rfc9110#section-15.6.{status - 499}",
        _ => null,
    };
}
