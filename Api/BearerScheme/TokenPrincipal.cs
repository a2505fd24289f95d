using System.Security.Claims;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.BearerScheme;

/// <summary>The principal a verified access token stands for.</summary>
public static class TokenPrincipal
{
    public static ClaimsPrincipal Create(AccessTokenClaims token, string authenticationType) =>
        new(new TokenIdentity(token, authenticationType));
}
