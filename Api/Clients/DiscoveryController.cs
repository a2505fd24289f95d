using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.Clients;

/// <summary>
/// <c>GET /.well-known/oauth-authorization-server</c> (RFC 8414). Every endpoint is under <c>Tokens:Issuer</c>, the
/// service's public URL, so a client configured with the issuer alone finds them; the revocation event stream and
/// the gateway check are extensions named <c>tokenversioning_*</c>.
/// </summary>
[ApiController]
[Route(".well-known/oauth-authorization-server")]
[Tags("OAuth")]
public sealed class DiscoveryController(IOptions<TokenOptions> options) : ControllerBase
{
    private static readonly string[] AuthMethods = ["client_secret_basic", "client_secret_post"];

    [HttpGet, HttpHead]
    [EndpointSummary("Authorization server metadata (RFC 8414)")]
    [EndpointDescription("The issuer and where introspection, revocation, the revocation event stream and the gateway check are, with the client authentication methods they accept.")]
    [ProducesResponseType<AuthorizationServerMetadata>(StatusCodes.Status200OK)]
    public IActionResult Metadata()
    {
        var issuer = options.Value.Issuer;
        return Ok(new AuthorizationServerMetadata(
            issuer,
            issuer + "/api/oauth/introspect", AuthMethods,
            issuer + "/api/oauth/revoke", AuthMethods,
            issuer + "/api/events/revocations",
            issuer + "/api/auth/verify"));
    }
}
