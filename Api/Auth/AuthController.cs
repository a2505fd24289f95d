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
[ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class AuthController(
    AccountService accounts, SessionService sessions, RevocationService revocation, TokenVersioningMetrics metrics) : ControllerBase
{
    [HttpPost("register")]
    [ProducesResponseType<RegisteredUser>(StatusCodes.Status201Created)]
    [ProblemResponse(400), ProblemResponse(409), ProblemResponse(429)]
    [EnableRateLimiting(RateLimitPolicies.Register)]
    public async Task<IActionResult> Register(RegisterRequest request, IValidator<RegisterRequest> validator, CancellationToken ct)
    {
        if (await this.ValidateAsync(validator, request, ct) is { } invalid) return invalid;
        var user = await accounts.RegisterAsync(request.Email!, request.Password!, request.DisplayName, ct);
        return Created($"/api/admin/users/{user.Id}", user);
    }

    [NoStore]
    [HttpPost("login")]
    [ProducesResponseType<TokenPair>(StatusCodes.Status200OK)]
    [ProblemResponse(400), ProblemResponse(401), ProblemResponse(403), ProblemResponse(429)]
    [EnableRateLimiting(RateLimitPolicies.Login)]
    public async Task<IActionResult> Login(LoginRequest request, IValidator<LoginRequest> validator, CancellationToken ct)
    {
        if (await this.ValidateAsync(validator, request, ct) is { } invalid) return invalid;
        return Ok(await Counted(metrics.Login, accounts.LoginAsync(request.Email!, request.Password!, request.DeviceName, ClientAddress.Of(HttpContext), ct)));
    }

    [NoStore]
    [HttpPost("refresh")]
    [ProducesResponseType<TokenPair>(StatusCodes.Status200OK)]
    [ProblemResponse(400), ProblemResponse(401), ProblemResponse(429)]
    [EnableRateLimiting(RateLimitPolicies.Refresh)]
    public async Task<IActionResult> Refresh(RefreshRequest request, IValidator<RefreshRequest> validator, CancellationToken ct)
    {
        if (await this.ValidateAsync(validator, request, ct) is { } invalid) return invalid;
        return Ok(await Counted(metrics.Refresh, sessions.RefreshAsync(request.RefreshToken!, ct)));
    }

    [Authorize]
    [HttpPost("logout")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(401)]
    public Task<IActionResult> Logout(CancellationToken ct) => RevokeSelfAsync(RevocationEvent.Logout, ct);

    [Authorize]
    [HttpPost("logout-all")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(401)]
    public Task<IActionResult> LogoutAll(CancellationToken ct) => RevokeSelfAsync(RevocationEvent.LogoutAll, ct);

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
