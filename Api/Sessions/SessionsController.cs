using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TokenVersioning.Api.Authentication;
using TokenVersioning.Infrastructure.Sessions;

namespace TokenVersioning.Api.Sessions;

[ApiController]
[Authorize]
[Route("api/sessions")]
public sealed class SessionsController(SessionService sessions) : ControllerBase
{
    [HttpGet]
    public async Task<IActionResult> List(CancellationToken ct) =>
        Ok(await sessions.ListAsync(User.UserId(), User.SessionId(), ct));

    [HttpDelete("{id:guid}")]
    public async Task<IActionResult> End(Guid id, CancellationToken ct)
    {
        var pair = await sessions.EndAsync(User.UserId(), User.SessionId(), id, ct);
        return pair is null ? NoContent() : Ok(pair);
    }
}
