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
[Tags("Verify")]
[ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
public sealed class VerifyController(ProblemWriter problems) : ControllerBase
{
    [HttpGet]
    [EndpointSummary("Check a token for a gateway")]
    [EndpointDescription("For a reverse proxy's sub-request (nginx auth_request): 204 with X-User-Id, X-Session-Id, X-User-Roles and X-Token-Version when the bearer token is valid and not revoked (and, with `role`, carries that role); otherwise the same 401 or 403 as any protected route. Revokes nothing.")]
    [HttpHead]
    [ProducesResponseType(StatusCodes.Status204NoContent), ProblemResponse(403, ProblemWriter.ForbiddenCode)]
    [QueryParameter("role", "A role the token must also carry (`user`, `admin`): 403 `forbidden` otherwise.")]
    public async Task<IActionResult> Verify()
    {
        // Read here rather than bound: with no parameters MVC skips model binding and validation on this hot route.
        // As binding read it: the first value when the parameter is repeated.
        var role = Request.Query["role"] is [var first, ..] ? first : null;
        if (!string.IsNullOrEmpty(role) && !User.IsInRole(role))
        {
            await problems.WriteAsync(HttpContext, StatusCodes.Status403Forbidden, ProblemWriter.ForbiddenCode, "Forbidden", "The token lacks the role this route requires.");
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
