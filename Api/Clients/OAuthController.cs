using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using TokenVersioning.Domain.Clients;
using TokenVersioning.Infrastructure.Clients;
using TokenVersioning.Infrastructure.Sessions;
using TokenVersioning.Infrastructure.Tokens;
using TokenVersioning.Api.OpenApi;
using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.Clients;

/// <summary>RFC 7662 introspection and RFC 7009 revocation, for API clients.</summary>
[Route("api/oauth")]
[Tags("OAuth")]
[OAuthEndpoint]
[ApiExplorerSettings(IgnoreApi = false)]
[ProducesResponseType<OAuthError>(StatusCodes.Status400BadRequest), ProducesResponseType<OAuthError>(StatusCodes.Status401Unauthorized)]
[ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class OAuthController(ApiClientService clients, OAuthTokenService introspection, IOptions<TokenOptions> tokens) : ControllerBase
{
    private readonly int _maxTokenLength = TokenText.MaxLength(tokens.Value);
    private const int MaxHintLength = 64;
    private const int MaxCredentialLength = 256;

    [HttpPost("introspect")]
    [EndpointSummary("Introspect a token (RFC 7662)")]
    [EndpointDescription("For API clients: whether an access or refresh token is active now (not expired, not revoked, the user enabled), with its user, session, roles and expiry. Any token that is not active is `{\"active\": false}` with nothing else. Revokes nothing.")]
    [NoStore]
    [ProducesResponseType<IntrospectionAnswer>(StatusCodes.Status200OK)]
    public Task<IActionResult> Introspect(CancellationToken ct) =>
        WithClientAsync(async (form, client) => Ok(await introspection.IntrospectAsync(form.Token, form.Hint, client, ct)), ct);

    [HttpPost("revoke")]
    [EndpointSummary("Revoke a token (RFC 7009)")]
    [EndpointDescription("For API clients: revoking an access or refresh token ends its session and raises the user's token version, as ending a session does: that session's tokens fail at once, the user's other devices recover with one refresh. Answers 200 for an unknown or already revoked token too, as the RFC requires.")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    public Task<IActionResult> Revoke(CancellationToken ct) =>
        WithClientAsync(async (form, client) =>
        {
            await introspection.RevokeAsync(form.Token, form.Hint, client, ct);
            return Ok();
        }, ct);

    /// <summary>
    /// Reads the form, then authenticates the client by the one method it used (Basic or the form's credentials),
    /// and only then answers: a malformed form is 400 <c>invalid_request</c>, a failed client 401 <c>invalid_client</c>.
    /// </summary>
    private async Task<IActionResult> WithClientAsync(Func<OAuthForm, ApiClient, Task<IActionResult>> answer, CancellationToken ct)
    {
        if (await ReadAsync(ct) is not { } form) return InvalidRequest();
        if (form.Posted is not null && Request.Headers.Authorization.Count > 0) return TwoMethods();
        if (await ClientAuthentication.AuthenticateAsync(HttpContext, clients, form.Posted) is not { } client) return new EmptyResult();
        return await answer(form, client);
    }

    /// <summary>
    /// The form's <c>token</c>, <c>token_type_hint</c> and, when posted, <c>client_id</c> and <c>client_secret</c>
    /// (both or neither); null when the body is not such a form: another media
    /// type (multipart included), a form the reader refuses (a key over its limit), a field sent twice, or a value that no token or
    /// hint can be (empty, too long, or holding a character outside printable ASCII, NUL included).
    /// </summary>
    private async Task<OAuthForm?> ReadAsync(CancellationToken ct)
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
        if (token.Count != 1 || !IsTokenText(token[0], _maxTokenLength)) return null;
        var (hint, hintOk) = Optional(form, "token_type_hint", MaxHintLength);
        var (id, idOk) = Optional(form, "client_id", MaxCredentialLength);
        var (secret, secretOk) = Optional(form, "client_secret", MaxCredentialLength);
        if (!hintOk || !idOk || !secretOk || (id is null) != (secret is null)) return null;
        return new OAuthForm(token[0]!, hint, id is null ? null : new BasicCredentials(id, secret!));
    }

    /// <summary>An optional field: at most once, and token text when present.</summary>
    private static (string? Value, bool Ok) Optional(IFormCollection form, string name, int maxLength)
    {
        var values = form[name];
        if (values.Count == 0) return (null, true);
        return values.Count == 1 && IsTokenText(values[0], maxLength) ? (values[0], true) : (null, false);
    }

    private static bool IsUrlEncodedForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static bool IsTokenText(string? value, int maxLength) =>
        !string.IsNullOrEmpty(value) && value.Length <= maxLength && value.All(c => c is > ' ' and <= '~');

    private sealed record OAuthForm(string Token, string? Hint, BasicCredentials? Posted);

    /// <summary>RFC 6749 §2.3: a client uses one authentication method per request.</summary>
    private BadRequestObjectResult TwoMethods() =>
        BadRequest(new OAuthError(OAuthError.InvalidRequest, "Use either HTTP Basic or client_id and client_secret in the form, not both."));

    private BadRequestObjectResult InvalidRequest() =>
        BadRequest(new OAuthError(OAuthError.InvalidRequest,
            "The body must be a UTF-8 form with exactly one token, at most one token_type_hint, and client_id with client_secret or neither, each once and of printable ASCII."));
}
