using Microsoft.AspNetCore.Mvc.ModelBinding;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using TokenVersioning.Api.BearerScheme;
using TokenVersioning.Api.Edge;
using TokenVersioning.Api.Validation;
using TokenVersioning.Domain.Errors;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Infrastructure.Accounts;
using TokenVersioning.Infrastructure.Revocation;
using TokenVersioning.Infrastructure.Telemetry;
using TokenVersioning.Infrastructure.Sessions;
using TokenVersioning.Api.OpenApi;

using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.Auth;

[ApiController]
[Route("api/auth")]
[Tags("Auth")]
[ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class AuthController(
    AccountService accounts, SessionService sessions, RevocationService revocation, TokenVersioningMetrics metrics, ProblemWriter problems)
    : ControllerBase
{
    [HttpPost("register")]
    [EndpointSummary("Register an account")]
    [EndpointDescription("Creates a user with the role `user` and token version 1. Revokes nothing and signs nobody in: log in next. The email is compared case-insensitively.")]
    [ProducesResponseType<RegisteredUser>(StatusCodes.Status201Created)]
    [ProblemResponse(400), ProblemResponse(409, "email_taken"), ProblemResponse(429)]
    [EnableRateLimiting(RateLimitPolicies.Register)]
    public async Task<IActionResult> Register(RegisterRequest request, IValidator<RegisterRequest> validator, CancellationToken ct)
    {
        if (await this.ValidateAsync(validator, request, ct) is { } invalid) return invalid;
        var user = await accounts.RegisterAsync(request.Email!, request.Password!, request.DisplayName, ct);
        return Created($"/api/admin/users/{user.Id}", user);
    }

    [NoStore]
    [HttpPost("login")]
    [EndpointSummary("Log in on a device")]
    [EndpointDescription("Checks the email and password and starts a new session for this device, recording its user agent and address: an access token signed with the user's current version and a refresh token for the session. Revokes nothing, except that with Sessions:MaxPerUser the least recently used session beyond the cap ends. With `refreshTokenDelivery: \"cookie\"` (browsers) the refresh token is set as an HttpOnly cookie and left out of the body. After a few wrong passwords for one account, checks wait a doubling delay (429 `too_many_attempts` with Retry-After); an address that signed in before keeps a budget of its own. Both outcomes are audited (`login`, `login_failed`).")]
    [ProducesResponseType<TokenPair>(StatusCodes.Status200OK)]
    [ProblemResponse(400), ProblemResponse(401, "invalid_credentials"), ProblemResponse(403, "user_disabled"), ProblemResponse(429, "too_many_attempts")]
    [EnableRateLimiting(RateLimitPolicies.Login)]
    public async Task<IActionResult> Login(LoginRequest request, IValidator<LoginRequest> validator, CancellationToken ct)
    {
        if (await this.ValidateAsync(validator, request, ct) is { } invalid) return invalid;
        return this.TokenAnswer(await Counted(metrics.Login,
            accounts.LoginAsync(request.Email!, request.Password!, request.DeviceName, Device(), request.CookieDelivery, ct)));
    }

    [NoStore]
    [HttpPost("refresh")]
    [EndpointSummary("Refresh a session's tokens")]
    [EndpointDescription("Exchanges the session's newest refresh token for a new pair; the access token carries the user's current version, so a device whose tokens were revoked elsewhere recovers here. The refresh token sent is retired; presenting a retired one again (after a 10-second grace) is theft: that session ends and every access token of the user is revoked (401 `refresh_token_reused`). With no body, the browser token mode's cookie is used, and then the header X-TokenVersioning-Csrf: 1 is required (403 `csrf_header_required`).")]
    [ProducesResponseType<TokenPair>(StatusCodes.Status200OK)]
    [ProblemResponse(400), ProblemResponse(401, "refresh_token_invalid", "refresh_token_reused"), ProblemResponse(403, BrowserTokens.CsrfRequired)]
    [ProblemResponse(429)]
    [EnableRateLimiting(RateLimitPolicies.Refresh)]
    public async Task<IActionResult> Refresh([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] RefreshRequest? request,
        IValidator<RefreshRequest> validator, CancellationToken ct)
    {
        // No token in the body: the browser token mode's cookie, which only counts with the CSRF header.
        var fromCookie = request?.RefreshToken is null ? BrowserTokens.FromCookie(Request) : null;
        if (fromCookie is not null && !BrowserTokens.HasCsrfHeader(Request)) return await RefuseCsrfAsync();
        if (fromCookie is null && await this.ValidateAsync(validator, request ?? new RefreshRequest(null), ct) is { } invalid) return invalid;
        try
        {
            return this.TokenAnswer(await Counted(metrics.Refresh, sessions.RefreshAsync(fromCookie ?? request!.RefreshToken!, Device(), ct)));
        }
        catch (AuthenticationFailedException) when (fromCookie is not null)
        {
            BrowserTokens.Clear(Response); // a cookie that no longer works is no use to the browser
            throw;
        }
    }

    [Authorize]
    [HttpPost("logout")]
    [EndpointSummary("Log out this device")]
    [EndpointDescription("Ends the caller's session and raises the user's token version, so every access token issued before fails at once on every node. The user's other devices recover with one refresh. A browser's refresh-token cookie is cleared (sent with it, the header X-TokenVersioning-Csrf: 1 is required).")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(401), ProblemResponse(403, BrowserTokens.CsrfRequired)]
    public async Task<IActionResult> Logout(CancellationToken ct)
    {
        var cookie = BrowserTokens.FromCookie(Request) is not null;
        if (cookie && !BrowserTokens.HasCsrfHeader(Request)) return await RefuseCsrfAsync();
        var answer = await RevokeSelfAsync(RevocationEvent.Logout, ct);
        if (cookie) BrowserTokens.Clear(Response);
        return answer;
    }

    [Authorize]
    [HttpPost("logout-all")]
    [EndpointSummary("Log out every device")]
    [EndpointDescription("Ends all of the user's sessions, raises the token version and rotates the signing salt: every access and refresh token of the user stops working.")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(401)]
    public Task<IActionResult> LogoutAll(CancellationToken ct) => RevokeSelfAsync(RevocationEvent.LogoutAll, ct);

    [Authorize]
    [NoStore]
    [HttpPost("logout-others")]
    [EndpointSummary("Log out every other device")]
    [EndpointDescription("Ends every session of the user but the caller's and raises the token version (the salt is kept): the other devices' tokens fail at once and their refresh tokens no longer work. Answers a new token pair for the caller's session.")]
    [ProducesResponseType<TokenPair>(StatusCodes.Status200OK), ProblemResponse(401)]
    public async Task<IActionResult> LogoutOthers(CancellationToken ct) =>
        this.TokenAnswer(await sessions.LogoutOthersAsync(User.UserId(), User.SessionId(), ct));

    private ClientDevice Device() => new(ClientAddress.Of(HttpContext), Request.Headers.UserAgent.ToString());

    private async Task<IActionResult> RefuseCsrfAsync()
    {
        await BrowserTokens.RefuseAsync(problems, HttpContext);
        return new EmptyResult();
    }

    /// <summary>Counts the outcome: "success", or the failure's contract code.</summary>
    private static async Task<T> Counted<T>(Action<string> count, Task<T> work)
    {
        try
        {
            var result = await work;
            count("success");
            return result;
        }
        catch (DomainException e)
        {
            count(e.Code);
            throw;
        }
    }

    private async Task<IActionResult> RevokeSelfAsync(RevocationEvent revocationEvent, CancellationToken ct)
    {
        var userId = User.UserId();
        await revocation.RevokeAsync(new RevocationRequest(userId, revocationEvent, User.SessionId(), ActorId: userId), ct);
        return NoContent();
    }
}
