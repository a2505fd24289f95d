using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using TokenVersioning.Infrastructure.Clients;
using TokenVersioning.Api.OpenApi;
using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.Clients;

/// <summary>RFC 7662 introspection and RFC 7009 revocation, for API clients.</summary>
[Route("api/oauth")]
[OAuthEndpoint]
[ApiExplorerSettings(IgnoreApi = false)]
[ProducesResponseType<OAuthError>(StatusCodes.Status400BadRequest), ProducesResponseType<OAuthError>(StatusCodes.Status401Unauthorized)]
[ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class OAuthController(ApiClientService clients, TokenIntrospection introspection) : ControllerBase
{
    private const int MaxTokenLength = 8192;
    private const int MaxHintLength = 64;

    [HttpPost("introspect")]
    [NoStore]
    [ProducesResponseType<IntrospectionAnswer>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Introspect(CancellationToken ct)
    {
        if (await ClientAuthentication.AuthenticateAsync(HttpContext, clients) is not { } client) return new EmptyResult();
        if (await ReadAsync(ct) is not var (token, hint)) return InvalidRequest();
        return Ok(await introspection.IntrospectAsync(token, hint, client, ct));
    }

    [HttpPost("revoke")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public async Task<IActionResult> Revoke(CancellationToken ct)
    {
        if (await ClientAuthentication.AuthenticateAsync(HttpContext, clients) is not { } client) return new EmptyResult();
        if (await ReadAsync(ct) is not var (token, hint)) return InvalidRequest();
        await introspection.RevokeAsync(token, hint, client, ct);
        return Ok();
    }

    /// <summary>
    /// The form's <c>token</c> and <c>token_type_hint</c>; null when the body is not such a form: another media
    /// type (multipart included), a form the reader refuses (a key over its limit), a field sent twice, or a value that no token or
    /// hint can be (empty, too long, or holding a character outside printable ASCII, NUL included).
    /// </summary>
    private async Task<(string Token, string? Hint)?> ReadAsync(CancellationToken ct)
    {
        if (!IsUrlEncodedForm(Request.ContentType)) return null;
        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return null;
        }

        var token = form["token"];
        if (token.Count != 1 || !IsTokenText(token[0], MaxTokenLength)) return null;
        var hint = form["token_type_hint"];
        if (hint.Count > 1 || (hint.Count == 1 && !IsTokenText(hint[0], MaxHintLength))) return null;
        return (token[0]!, hint.Count == 1 ? hint[0] : null);
    }

    private static bool IsUrlEncodedForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static bool IsTokenText(string? value, int maxLength) =>
        !string.IsNullOrEmpty(value) && value.Length <= maxLength && value.All(c => c is > ' ' and <= '~');

    private BadRequestObjectResult InvalidRequest() =>
        BadRequest(new OAuthError(OAuthError.InvalidRequest,
            "The body must be a UTF-8 form with exactly one token and at most one token_type_hint, each of printable ASCII."));
}
