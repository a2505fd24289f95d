using TokenVersioning.Domain.Clients;
using TokenVersioning.Infrastructure.Clients;
using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.Clients;

/// <summary>
/// API-client authentication, answering failures the OAuth way (RFC 6749 §5.2): HTTP Basic
/// (<c>client_secret_basic</c>), or the credentials a form posted (<c>client_secret_post</c>) when the caller read them.
/// </summary>
internal static class ClientAuthentication
{
    public static async Task<ApiClient?> AuthenticateAsync(HttpContext context, ApiClientService clients, BasicCredentials? posted = null)
    {
        var credentials = posted ?? BasicCredentials.Parse(context.Request.Headers.Authorization.ToString());
        var client = await clients.AuthenticateAsync(credentials, context.RequestAborted);
        if (client is not null) return client;
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"tokenversioning\", charset=\"UTF-8\"";
        await context.Response.WriteAsJsonAsync(new OAuthError(OAuthError.InvalidClient, "Client authentication failed."));
        return null;
    }
}
