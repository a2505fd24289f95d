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
[ProblemResponse(StatusCodes.Status401Unauthorized), ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class UsersController : ControllerBase
{
    // Services come per action: the hot GET must not build the account service and its DbContext.
    [HttpGet]
    [ProducesResponseType<CurrentUser>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Me([FromServices] ProfileCache profiles, CancellationToken ct)
    {
        var profile = await profiles.GetAsync(User.UserId(), ct);
        return profile is null
            ? throw NotFoundException.UserNotFound()
            : Ok(CurrentUser.From(profile, User.TokenVersion()));
    }

    [NoStore]
    [HttpPost("password")]
    [ProducesResponseType<TokenPair>(StatusCodes.Status200OK), ProblemResponse(400)]
    public async Task<IActionResult> ChangePassword(ChangePasswordRequest request, IValidator<ChangePasswordRequest> validator,
        [FromServices] AccountService accounts, CancellationToken ct)
    {
        if (await this.ValidateAsync(validator, request, ct) is { } invalid) return invalid;
        return Ok(await accounts.ChangePasswordAsync(User.UserId(), User.SessionId(), request.CurrentPassword!, request.NewPassword!, ct));
    }
}
