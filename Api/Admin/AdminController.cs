using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using TokenVersioning.Api.BearerScheme;
using TokenVersioning.Api.Validation;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure.Admin;
using TokenVersioning.Api.OpenApi;

namespace TokenVersioning.Api.Admin;

[ApiController]
[Authorize(Roles = Role.Admin)]
[Route("api/admin")]
[ProblemResponse(StatusCodes.Status401Unauthorized), ProblemResponse(StatusCodes.Status403Forbidden), ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class AdminController(AdminService admin) : ControllerBase
{
    [HttpGet("users")]
    [KnownQueryParameters("email", "page", "pageSize")]
    [ProducesResponseType(StatusCodes.Status200OK), ProblemResponse(400)]
    public async Task<IActionResult> ListUsers([FromQuery] UserListQuery query, IValidator<UserListQuery> validator, CancellationToken ct)
    {
        if (await this.ValidateAsync(validator, query, ct) is { } invalid) return invalid;
        return Ok(await admin.ListUsersAsync(query.Email, query.Page, query.PageSize, ct));
    }

    [HttpGet("users/{id:guid}")]
    [ProducesResponseType(StatusCodes.Status200OK), ProblemResponse(404)]
    public async Task<IActionResult> GetUser(Guid id, CancellationToken ct) => Ok(await admin.GetUserAsync(id, ct));

    [HttpPost("users/{id:guid}/revoke-sessions")]
    [ProducesResponseType(StatusCodes.Status200OK), ProblemResponse(400), ProblemResponse(404)]
    public async Task<IActionResult> RevokeSessions(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ReasonRequest? request,
        IValidator<ReasonRequest> validator, CancellationToken ct)
    {
        request ??= new ReasonRequest(null);
        if (await this.ValidateAsync(validator, request, ct) is { } invalid) return invalid;
        return Ok(await admin.RevokeSessionsAsync(id, User.UserId(), request.Reason, ct));
    }

    [HttpPost("users/{id:guid}/disable")]
    [ProducesResponseType(StatusCodes.Status200OK), ProblemResponse(400), ProblemResponse(404)]
    public Task<IActionResult> Disable(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ReasonRequest? request,
        IValidator<ReasonRequest> validator, CancellationToken ct) => SetDisabledAsync(id, true, request, validator, ct);

    [HttpPost("users/{id:guid}/enable")]
    [ProducesResponseType(StatusCodes.Status200OK), ProblemResponse(400), ProblemResponse(404)]
    public Task<IActionResult> Enable(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ReasonRequest? request,
        IValidator<ReasonRequest> validator, CancellationToken ct) => SetDisabledAsync(id, false, request, validator, ct);

    [HttpDelete("users/{id:guid}")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(404)]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct)
    {
        await admin.DeleteAsync(id, User.UserId(), ct);
        return NoContent();
    }

    /// <summary>Clears the user's sign-in counter, so that every address may try again at once (audited as <c>sign_in_unlocked</c>).</summary>
    [HttpPost("users/{id:guid}/unlock")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(404)]
    public async Task<IActionResult> Unlock(Guid id, CancellationToken ct)
    {
        await admin.UnlockAsync(id, User.UserId(), ct);
        return NoContent();
    }

    [HttpGet("audit")]
    [ProducesResponseType(StatusCodes.Status200OK), ProblemResponse(400)]
    [KnownQueryParameters("userId", "actorId", "event", "from", "to", "page", "pageSize")]
    public async Task<IActionResult> Audit([FromQuery] AuditQuery query, IValidator<AuditQuery> validator, CancellationToken ct)
    {
        if (await this.ValidateAsync(validator, query, ct) is { } invalid) return invalid;
        return Ok(await admin.AuditAsync(new AuditFilter(query.UserId, query.ActorId, query.Event, query.From, query.To), query.Page, query.PageSize, ct));
    }

    private async Task<IActionResult> SetDisabledAsync(
        Guid id, bool disabled, ReasonRequest? request, IValidator<ReasonRequest> validator, CancellationToken ct)
    {
        request ??= new ReasonRequest(null);
        if (await this.ValidateAsync(validator, request, ct) is { } invalid) return invalid;
        return Ok(await admin.SetDisabledAsync(id, disabled, User.UserId(), request.Reason, ct));
    }
}
