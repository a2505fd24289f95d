using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using TokenVersioning.Api.BearerScheme;
using TokenVersioning.Api.Problems;
using TokenVersioning.Api.OpenApi;

namespace TokenVersioning.Api.Auth;

/// <summary>
/// The gateway check for a reverse proxy's sub-request (nginx auth_request, Traefik ForwardAuth, Envoy ext_authz):
/// the hot path and nothing more. A refused token gets the same 401 as any protected route.
/// </summary>
[ApiController]
[Authorize]
[Route("api/auth/verify")]
[ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class VerifyController(ProblemWriter problems) : ControllerBase
{
    [HttpGet]
    [HttpHead]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(401), ProblemResponse(403)]
    public async Task<IActionResult> Verify([FromQuery] string? role)
    {
        if (!string.IsNullOrEmpty(role) && !User.IsInRole(role))
        {
            await problems.WriteAsync(HttpContext, StatusCodes.Status403Forbidden, "forbidden", "Forbidden", "The token lacks the role this route requires.");
            return new EmptyResult();
        }

        var headers = Response.Headers;
        headers["X-User-Id"] = User.UserId().ToString("D");
        headers["X-Session-Id"] = User.SessionId().ToString("D");
        headers["X-User-Roles"] = string.Join(',', User.Roles());
        headers["X-Token-Version"] = User.TokenVersion().ToString(CultureInfo.InvariantCulture);
        return NoContent();
    }
}
