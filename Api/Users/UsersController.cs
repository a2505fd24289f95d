using TokenVersioning.Api.Auth;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TokenVersioning.Api.BearerScheme;
using TokenVersioning.Api.Validation;
using TokenVersioning.Domain.Errors;
using TokenVersioning.Infrastructure.Accounts;
using TokenVersioning.Infrastructure.Sessions;
using TokenVersioning.Api.OpenApi;

using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.Users;

[ApiController]
[Authorize]
[Route("api/users/me")]
[Tags("Users")]
[ProblemResponse(StatusCodes.Status401Unauthorized), ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class UsersController(ProfileCache profiles) : ControllerBase
{
    // Other services come per action: the hot GET must not build the account service and its DbContext. The GET
    // takes no parameters at all, so MVC skips model binding and validation for it (a tenth of its allocations).
    [HttpGet]
    [EndpointSummary("Who am I")]
    [EndpointDescription("The caller's profile and the token version their access token carries: the per-request check (a memory lookup and one signature check) and nothing else. Revokes nothing.")]
    [ProducesResponseType<CurrentUser>(StatusCodes.Status200OK), ProblemResponse(404, "user_not_found")]
    public async Task<IActionResult> Me()
    {
        var profile = await profiles.GetAsync(User.UserId(), HttpContext.RequestAborted);
        return profile is null
            ? throw NotFoundException.UserNotFound()
            : new JsonBodyResult<CurrentUser>(CurrentUser.From(profile, User.TokenVersion(), User.Roles()), HotJson.Default.CurrentUser);
    }

    [NoStore]
    [HttpPost("password")]
    [EndpointSummary("Change my password")]
    [EndpointDescription("Checks the current password, sets the new one, raises the token version, rotates the salt and ends every other session: every other device must log in again. Answers a new token pair for the caller's session.")]
    [ProducesResponseType<TokenPair>(StatusCodes.Status200OK), ProblemResponse(400, "invalid_current_password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordRequest request, IValidator<ChangePasswordRequest> validator,
        [FromServices] AccountService accounts, CancellationToken ct)
    {
        if (await this.ValidateAsync(validator, request, ct) is { } invalid) return invalid;
        return this.TokenAnswer(await accounts.ChangePasswordAsync(User.UserId(), User.SessionId(), request.CurrentPassword!, request.NewPassword!, ct));
    }
}
