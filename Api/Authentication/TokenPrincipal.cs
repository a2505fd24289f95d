using System.Globalization;
using System.Security.Claims;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.Authentication;

/// <summary>The principal a verified access token stands for.</summary>
public static class TokenPrincipal
{
    public static ClaimsPrincipal Create(AccessTokenClaims token, string authenticationType)
    {
        var claims = new List<Claim>(3 + token.Roles.Count)
        {
            new(AppClaims.Subject, token.UserId.ToString("D")),
            new(AppClaims.Session, token.SessionId.ToString("D")),
            new(AppClaims.Version, token.Version.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var role in token.Roles) claims.Add(new Claim(AppClaims.Role, role));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, AppClaims.Subject, AppClaims.Role));
    }
}
