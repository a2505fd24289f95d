using Microsoft.Net.Http.Headers;

namespace TokenVersioning.Api.Problems;

/// <summary>
/// Refuses a body this API cannot read before anything parses it: a <c>Content-Type</c> that is not a media type,
/// or one with a <c>charset</c> other than UTF-8 (the decoders threw on such bodies). The answer is a 415 problem,
/// or on the OAuth endpoints their RFC's 400 <c>invalid_request</c>.
/// </summary>
internal sealed class ContentTypeGuardMiddleware(RequestDelegate next, ProblemWriter problems)
{
    public const string Code = "unsupported_media_type";

    public Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.ContentType;
        if (header.Count == 0) return next(context);
        // A parameter without a value ("; boundary=") is refused too: MVC's own media-type parser throws on it.
        if (header.Count > 1 || !MediaTypeHeaderValue.TryParse(header[0], out var mediaType)
            || mediaType.Parameters.Any(p => p.Value.Length == 0 || p.Value.Equals("\"\"", StringComparison.Ordinal)))
            return RefuseAsync(context, "The Content-Type header is not a media type.");
        var charset = mediaType.Parameters.FirstOrDefault(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase));
        if (charset is not null && !IsUtf8(charset.Value.AsSpan().Trim('"')))
            return RefuseAsync(context, "Request bodies must be UTF-8; no other charset is read.");
        return next(context);
    }

    private static bool IsUtf8(ReadOnlySpan<char> charset) => charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);

    private Task RefuseAsync(HttpContext context, string detail)
    {
        if (OAuthEndpointAttribute.IsOn(context))
            return OAuthError.WriteInvalidRequestAsync(context, detail);
        return problems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, Code, "Unsupported media type", detail);
    }
}
