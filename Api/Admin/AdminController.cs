using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using TokenVersioning.Api.BearerScheme;
using TokenVersioning.Api.Validation;
using TokenVersioning.Domain.Users;
using TokenVersioning.Infrastructure.Accounts;
using TokenVersioning.Infrastructure.Admin;
using TokenVersioning.Api.OpenApi;

namespace TokenVersioning.Api.Admin;

[ApiController]
[Authorize(Roles = Role.Admin)]
[Route("api/admin")]
[Tags("Admin")]
[ProblemResponse(StatusCodes.Status401Unauthorized), ProblemResponse(StatusCodes.Status403Forbidden), ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class AdminController(AdminService admin) : ControllerBase
{
    [HttpGet("users")]
    [EndpointSummary("Find users")]
    [EndpointDescription("Users whose email contains the given text (case-insensitive), oldest account first, a page at a time. Revokes nothing.")]
    [KnownQueryParameters("email", "page", "pageSize")]
    [ProducesResponseType<Page<UserSummary>>(StatusCodes.Status200OK), ProblemResponse(400)]
    public async Task<IActionResult> ListUsers([FromQuery] UserListQuery query, IValidator<UserListQuery> validator, CancellationToken ct)
    {
        if (await this.ValidateAsync(validator, query, ct) is { } invalid) return invalid;
        return Ok(await admin.ListUsersAsync(query.Email, query.Page, query.PageSize, ct));
    }

    [HttpGet("users/{id:guid}")]
    [EndpointSummary("See a user and their sessions")]
    [EndpointDescription("One user's account state (roles, token version, disabled) and active sessions. Revokes nothing.")]
    [ProducesResponseType<UserDetail>(StatusCodes.Status200OK), ProblemResponse(404, "user_not_found")]
    public async Task<IActionResult> GetUser(Guid id, CancellationToken ct) => Ok(await admin.GetUserAsync(id, ct));

    [HttpPost("users/{id:guid}/revoke-sessions")]
    [EndpointSummary("Revoke all of a user's tokens")]
    [EndpointDescription("Ends every session of the user, raises the token version and rotates the salt: every token of the user fails at once on every node. Audited as `admin_revoke_sessions` with the optional reason.")]
    [ProducesResponseType<VersionView>(StatusCodes.Status200OK), ProblemResponse(400), ProblemResponse(404, "user_not_found")]
    public async Task<IActionResult> RevokeSessions(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ReasonRequest? request,
        IValidator<ReasonRequest> validator, CancellationToken ct)
    {
        request ??= new ReasonRequest(null);
        if (await this.ValidateAsync(validator, request, ct) is { } invalid) return invalid;
        return Ok(await admin.RevokeSessionsAsync(id, User.UserId(), request.Reason, ct));
    }

    [HttpPost("users/{id:guid}/disable")]
    [EndpointSummary("Disable a user")]
    [EndpointDescription("Disables the account, ends every session, raises the token version and rotates the salt; the user's tokens answer 401 `user_disabled` and login 403. Audited as `user_disabled`. Disabling a disabled user changes nothing (the same 200, no audit entry).")]
    [ProducesResponseType<UserSummary>(StatusCodes.Status200OK), ProblemResponse(400), ProblemResponse(404, "user_not_found")]
    public Task<IActionResult> Disable(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ReasonRequest? request,
        IValidator<ReasonRequest> validator, CancellationToken ct) => SetDisabledAsync(id, true, request, validator, ct);

    [HttpPost("users/{id:guid}/enable")]
    [EndpointSummary("Enable a user")]
    [EndpointDescription("Lets a disabled user log in again. Revokes nothing: the token version stays. Audited as `user_enabled`; enabling an enabled user changes nothing (the same 200, no audit entry).")]
    [ProducesResponseType<UserSummary>(StatusCodes.Status200OK), ProblemResponse(400), ProblemResponse(404, "user_not_found")]
    public Task<IActionResult> Enable(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ReasonRequest? request,
        IValidator<ReasonRequest> validator, CancellationToken ct) => SetDisabledAsync(id, false, request, validator, ct);

    [HttpDelete("users/{id:guid}/sessions/{sessionId:guid}")]
    [EndpointSummary("End one of a user's sessions")]
    [EndpointDescription("Ends that session and raises the token version (the salt is kept): the device's tokens fail at once on every node, the user's other devices recover with one refresh. Audited as `admin_session_revoked`.")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(404, "user_not_found", "session_not_found")]
    public async Task<IActionResult> EndSession(Guid id, Guid sessionId, CancellationToken ct)
    {
        await admin.EndSessionAsync(id, sessionId, User.UserId(), ct);
        return NoContent();
    }

    [HttpPut("users/{id:guid}/roles")]
    [EndpointSummary("Set a user's roles")]
    [EndpointDescription("Grants or removes roles (`user`, `admin`). A change raises the token version (the salt is kept, no session ends): no token carrying a removed role survives, and every session gets the new roles with its next refresh. The roles the user already has change nothing. Removing the last enabled administrator's `admin` role is refused (409 `last_admin`). Audited as `roles_changed`.")]
    [ProducesResponseType<UserSummary>(StatusCodes.Status200OK), ProblemResponse(400), ProblemResponse(404, "user_not_found")]
    [ProblemResponse(409, "last_admin")]
    public async Task<IActionResult> SetRoles(Guid id, RolesRequest request, IValidator<RolesRequest> validator, CancellationToken ct)
    {
        if (await this.ValidateAsync(validator, request, ct) is { } invalid) return invalid;
        return Ok(await admin.SetRolesAsync(id, request.Roles!, User.UserId(), ct));
    }

    [HttpDelete("users/{id:guid}")]
    [EndpointSummary("Delete a user")]
    [EndpointDescription("Deletes the account and its sessions; every token of the user fails at once on every node. The audit log keeps the entry `user_deleted`.")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(404, "user_not_found")]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct)
    {
        await admin.DeleteAsync(id, User.UserId(), ct);
        return NoContent();
    }

    /// <summary>Clears the user's sign-in counter, so that every address may try again at once (audited as <c>sign_in_unlocked</c>).</summary>
    [HttpPost("users/{id:guid}/unlock")]
    [EndpointSummary("Clear a user's sign-in delay")]
    [EndpointDescription("Clears the user's failed-sign-in counter, so that login checks their password again at once from every address. Revokes nothing. Audited as `sign_in_unlocked`.")]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(404, "user_not_found")]
    public async Task<IActionResult> Unlock(Guid id, CancellationToken ct)
    {
        await admin.UnlockAsync(id, User.UserId(), ct);
        return NoContent();
    }

    [HttpGet("audit")]
    [EndpointSummary("Read the audit log")]
    [EndpointDescription("Revocations, sign-ins (`login`, `login_failed`, with the address) and administrative actions, newest first, filtered by user, actor, event and time; each with the user's email and the actor by kind (`user`, `client`, `system`) and name. Revokes nothing.")]
    [ProducesResponseType<Page<AuditView>>(StatusCodes.Status200OK), ProblemResponse(400)]
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
