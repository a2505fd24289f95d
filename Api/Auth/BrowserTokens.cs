using Microsoft.AspNetCore.Mvc;
using TokenVersioning.Api.Problems;
using TokenVersioning.Infrastructure.Sessions;

namespace TokenVersioning.Api.Auth;

/// <summary>
/// The browser token mode: a session created with <c>"refreshTokenDelivery": "cookie"</c> gets its refresh token in
/// an <c>HttpOnly; Secure; SameSite=Strict; Path=/api/auth</c> cookie, never in a body a script can read. Refresh and
/// logout use the cookie only with the header <c>X-TokenVersioning-Csrf: 1</c>, which a cross-site form cannot send.
/// </summary>
internal static class BrowserTokens
{
    public const string CookieName = "TokenVersioning-Refresh";
    public const string CsrfHeader = "X-TokenVersioning-Csrf";
    public const string CsrfRequired = "csrf_header_required";
    public const string Cookie = "cookie";
    public const string Json = "json";
    private const string CookiePath = "/api/auth";

    /// <summary>The 200 token answer: in the cookie mode the refresh token goes into the cookie and out of the body.</summary>
    public static OkObjectResult TokenAnswer(this ControllerBase controller, TokenPair pair)
    {
        if (!pair.CookieDelivery || pair.RefreshToken is null) return controller.Ok(pair);
        controller.Response.Cookies.Append(CookieName, pair.RefreshToken, Options(TimeSpan.FromSeconds(pair.RefreshTokenExpiresIn)));
        return controller.Ok(pair with { RefreshToken = null });
    }

    /// <summary>The refresh token of the cookie, when the request carries one.</summary>
    public static string? FromCookie(HttpRequest request) =>
        request.Cookies.TryGetValue(CookieName, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    public static bool HasCsrfHeader(HttpRequest request) =>
        request.Headers.TryGetValue(CsrfHeader, out var values) && values.Count == 1 && values[0] == "1";

    public static void Clear(HttpResponse response) => response.Cookies.Delete(CookieName, Options(null));

    /// <summary>403 <c>csrf_header_required</c>: the cookie was sent without the header.</summary>
    public static Task RefuseAsync(ProblemWriter problems, HttpContext context) =>
        problems.WriteAsync(context, StatusCodes.Status403Forbidden, CsrfRequired, "Forbidden",
            $"A request that uses the refresh-token cookie must send the header {CsrfHeader}: 1.");

    private static CookieOptions Options(TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = CookiePath,
        MaxAge = maxAge,
        IsEssential = true,
    };
}
