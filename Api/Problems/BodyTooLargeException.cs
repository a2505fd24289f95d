
namespace TokenVersioning.Api.Problems;

internal sealed class BodyTooLargeException() : BadHttpRequestException(Text, StatusCodes.Status400BadRequest)
{
    public const string Code = "body_too_large";
    public static readonly string Text = $"The request body is larger than {RequestBodyLimitMiddleware.MaxBodyBytes} bytes.";

    /// <summary>
    /// The one answer to a body over the limit, whether refused up front or while reading: a 400 problem, or on the
    /// OAuth endpoints their RFC's 400 <c>invalid_request</c>.
    /// </summary>
    public static Task WriteAsync(ProblemWriter problems, HttpContext context) =>
        OAuthEndpointAttribute.IsOn(context)
            ? OAuthError.WriteInvalidRequestAsync(context, Text)
            : problems.WriteAsync(context, StatusCodes.Status400BadRequest, Code, "Bad request", Text);
}
