using TokenVersioning.Domain.Clients;
using TokenVersioning.Infrastructure.Clients;

namespace TokenVersioning.Api.Clients;

/// <summary>API-client authentication with HTTP Basic, answering failures the OAuth way (RFC 6749 §5.2).</summary>
internal static class ClientAuthentication
{
    public static async Task<ApiClient?> AuthenticateAsync(HttpContext context, ApiClientService clients)
    {
        var client = await clients.AuthenticateAsync(BasicCredentials.Parse(context.Request.Headers.Authorization.ToString()), context.RequestAborted);
        if (client is not null) return client;
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"tokenversioning\", charset=\"UTF-8\"";
        await context.Response.WriteAsJsonAsync(new OAuthError("invalid_client", "Client authentication failed."));
        return null;
    }
}
