using System.Text.Json.Serialization;

namespace TokenVersioning.Api.Problems;

/// <summary>An OAuth error answer (RFC 6749 §5.2): snake_case, not a problem document.</summary>
internal sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description)
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";

    public static Task WriteInvalidRequestAsync(HttpContext context, string description)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return context.Response.WriteAsJsonAsync(new OAuthError(InvalidRequest, description));
    }
}
