using Microsoft.AspNetCore.Http;
using System.Diagnostics;
using System.Text.Json;

namespace TokenVersioning.Client;

/// <summary>
/// The service's own refusals, word for word: the same status, <c>code</c>, problem body and <c>WWW-Authenticate</c>,
/// so that a client's handling of a 401 is the same behind this package as in front of the service.
/// </summary>
internal static class Refusals
{
    public const string Unavailable = "service_unavailable";
    public const string Forbidden = "forbidden";

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["token_missing"] = "No bearer token was sent.",
        ["token_expired"] = "The access token has expired.",
        ["token_revoked"] = "The access token has been revoked.",
        ["user_disabled"] = "The account is disabled.",
        ["token_invalid"] = "The access token is malformed or its signature does not verify.",
    };

    public static Task WriteUnauthorizedAsync(HttpContext context, string code)
    {
        var description = Descriptions.GetValueOrDefault(code) ?? Descriptions["token_invalid"];
        // RFC 6750 §3.1: no error attribute when the request carried no token.
        context.Response.Headers.WWWAuthenticate = code == "token_missing"
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{description}\"";
        return WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", code, description, "https://tools.ietf.org/html/rfc9110#section-15.5.2");
    }

    public static Task WriteForbiddenAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", Forbidden, "Your role does not allow this.",
            "https://tools.ietf.org/html/rfc9110#section-15.5.4");

    public static Task WriteUnavailableAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Service unavailable", Unavailable,
            "The token service could not confirm this token in time; retry shortly.", "https://tools.ietf.org/html/rfc9110#section-15.6.4");
    }

    private static Task WriteAsync(HttpContext context, int status, string title, string code, string detail, string type)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/problem+json";
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["type"] = type, ["title"] = title, ["status"] = status, ["detail"] = detail, ["code"] = code,
            ["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier,
        });
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
