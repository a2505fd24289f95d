using System.Security.Claims;

namespace TokenVersioning.Api.Authentication;

public static class AppClaims
{
    public const string Subject = "sub";
    public const string Session = "sid";
    public const string Version = "ver";
    public const string Role = "role";

    public static Guid UserId(this ClaimsPrincipal principal) => Guid.Parse(principal.FindFirstValue(Subject)!);

    public static Guid SessionId(this ClaimsPrincipal principal) => Guid.Parse(principal.FindFirstValue(Session)!);

    public static long TokenVersion(this ClaimsPrincipal principal) =>
        long.Parse(principal.FindFirstValue(Version)!, System.Globalization.CultureInfo.InvariantCulture);
}
