using Microsoft.AspNetCore.Mvc;
using TokenVersioning.Infrastructure.Clients;
using TokenVersioning.Api.OpenApi;

namespace TokenVersioning.Api.Clients;

/// <summary>RFC 7662 introspection and RFC 7009 revocation, for API clients.</summary>
[Route("api/oauth")]
[ApiExplorerSettings(IgnoreApi = false)]
[ProducesResponseType<OAuthError>(StatusCodes.Status400BadRequest), ProducesResponseType<OAuthError>(StatusCodes.Status401Unauthorized)]
[ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class OAuthController(ApiClientService clients, TokenIntrospection introspection) : ControllerBase
{
    private const int MaxTokenLength = 8192;

    [HttpPost("introspect")]
    [Consumes("application/x-www-form-urlencoded")]
    [ProducesResponseType<IntrospectionAnswer>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Introspect(CancellationToken ct)
    {
        if (await ClientAuthentication.AuthenticateAsync(HttpContext, clients) is not { } client) return new EmptyResult();
        if (await ReadAsync(ct) is not var (token, hint)) return InvalidRequest();
        return Ok(await introspection.IntrospectAsync(token, hint, client, ct));
    }

    [HttpPost("revoke")]
    [Consumes("application/x-www-form-urlencoded")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public async Task<IActionResult> Revoke(CancellationToken ct)
    {
        if (await ClientAuthentication.AuthenticateAsync(HttpContext, clients) is not { } client) return new EmptyResult();
        if (await ReadAsync(ct) is not var (token, hint)) return InvalidRequest();
        await introspection.RevokeAsync(token, hint, client, ct);
        return Ok();
    }

    /// <summary>The form's <c>token</c> and <c>token_type_hint</c>; null when the body is not such a form.</summary>
    private async Task<(string Token, string? Hint)?> ReadAsync(CancellationToken ct)
    {
        if (!Request.HasFormContentType) return null;
        var form = await Request.ReadFormAsync(ct);
        var token = form["token"];
        if (token.Count != 1 || string.IsNullOrEmpty(token[0]) || token[0]!.Length > MaxTokenLength) return null;
        var hint = form["token_type_hint"];
        return (token[0]!, hint.Count == 1 ? hint[0] : null);
    }

    private BadRequestObjectResult InvalidRequest() =>
        BadRequest(new OAuthError("invalid_request", "The body must be form-encoded with exactly one non-empty token."));
}
