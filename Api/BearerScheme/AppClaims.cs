using System.Globalization;
using System.Security.Claims;

namespace TokenVersioning.Api.BearerScheme;

public static class AppClaims
{
    public const string Subject = "sub";
    public const string Session = "sid";
    public const string Version = "ver";
    public const string Role = "role";

    public static Guid UserId(this ClaimsPrincipal principal) =>
        principal.Identity is TokenIdentity token ? token.Token.UserId : Guid.Parse(principal.FindFirstValue(Subject)!);

    public static Guid SessionId(this ClaimsPrincipal principal) =>
        principal.Identity is TokenIdentity token ? token.Token.SessionId : Guid.Parse(principal.FindFirstValue(Session)!);

    public static IReadOnlyList<string> Roles(this ClaimsPrincipal principal) =>
        principal.Identity is TokenIdentity token ? token.Token.Roles : [.. principal.FindAll(Role).Select(c => c.Value)];

    public static long TokenVersion(this ClaimsPrincipal principal) =>
        principal.Identity is TokenIdentity token
            ? token.Token.Version
            : long.Parse(principal.FindFirstValue(Version)!, CultureInfo.InvariantCulture);
}
