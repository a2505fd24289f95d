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
[ProblemResponse(StatusCodes.Status401Unauthorized), ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class SessionsController(SessionService sessions) : ControllerBase
{
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<SessionView>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(CancellationToken ct) =>
        Ok(await sessions.ListAsync(User.UserId(), User.SessionId(), ct));

    [NoStore]
    [HttpDelete("{id:guid}")]
    [ProducesResponseType<TokenPair>(StatusCodes.Status200OK), ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(404)]
    public async Task<IActionResult> End(Guid id, CancellationToken ct)
    {
        var pair = await sessions.EndAsync(User.UserId(), User.SessionId(), id, ct);
        return pair is null ? NoContent() : Ok(pair);
    }
}
