using TokenVersioning.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TokenVersioning.Api.BearerScheme;
using TokenVersioning.Infrastructure.Sessions;
using TokenVersioning.Api.OpenApi;

using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.Sessions;

[ApiController]
[Authorize]
[Route("api/sessions")]
[Tags("Sessions")]
[ProblemResponse(StatusCodes.Status401Unauthorized), ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class SessionsController(SessionService sessions) : ControllerBase
{
    [HttpGet]
    [EndpointSummary("List my sessions")]
    [EndpointDescription("The caller's active sessions (one per device that logged in), the caller's own marked `current`. Revokes nothing.")]
    [ProducesResponseType<IReadOnlyList<SessionView>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken ct) =>
        Ok(await sessions.ListAsync(User.UserId(), User.SessionId(), ct));

    [NoStore]
    [HttpDelete("{id:guid}")]
    [EndpointSummary("End one of my sessions")]
    [EndpointDescription("Ends that session and raises the token version, so its access tokens fail at once. Ending another device's session answers 200 with a new token pair for the caller's session (its old access token is revoked too); ending the caller's own answers 204.")]
    [ProducesResponseType<TokenPair>(StatusCodes.Status200OK), ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(404, "session_not_found")]
    public async Task<IActionResult> End(Guid id, CancellationToken ct)
    {
        var pair = await sessions.EndAsync(User.UserId(), User.SessionId(), id, ct);
        return pair is null ? NoContent() : this.TokenAnswer(pair);
    }
}
