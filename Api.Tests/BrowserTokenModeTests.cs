using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>
/// The browser token mode: the refresh token only ever in an HttpOnly cookie, used by refresh and logout with the
/// CSRF header, cleared by logout; the JSON API unchanged for every other client.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BrowserTokenModeTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Csrf = "X-TokenVersioning-Csrf";

    private async Task<(HttpResponseMessage Response, string Cookie)> BrowserLoginAsync(Account account)
    {
        var response = await Client.PostAsJsonAsync("/api/auth/login",
            new { email = account.Email, password = account.Password, deviceName = "browser", refreshTokenDelivery = "cookie" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, RefreshCookie(response)!);
    }

    private static string? RefreshCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).FirstOrDefault(v => v.StartsWith("TokenVersioning-Refresh=", StringComparison.Ordinal))?.Split('=', 2)[1]
            : null;

    private Task<HttpResponseMessage> PostWithCookieAsync(string url, string cookie, bool csrf = true, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Add("Cookie", $"TokenVersioning-Refresh={cookie}");
        if (csrf) request.Headers.Add(Csrf, "1");
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        return Client.SendAsync(request);
    }

    [Fact]
    public async Task Login_SetsTheRefreshTokenAsAStrictHttpOnlySecureCookie_AndLeavesItOutOfTheBody()
    {
        var (response, cookie) = await BrowserLoginAsync(await RegisterAsync());

        var header = response.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith("TokenVersioning-Refresh=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", header);
        Assert.Contains("secure", header);
        Assert.Contains("samesite=strict", header);
        Assert.Contains("path=/api/auth", header);
        Assert.Contains("max-age=", header);
        Assert.Equal(43, cookie.Length);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("refreshToken", out _));
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(body.GetProperty("accessToken").GetString())).StatusCode);
    }

    [Fact]
    public async Task Refresh_WithTheCookie_NeedsTheCsrfHeader_AndRotatesTheCookie()
    {
        var (_, cookie) = await BrowserLoginAsync(await RegisterAsync());

        // A cross-site form can send the cookie (were SameSite not Strict) but never this header.
        await AssertProblemAsync(await PostWithCookieAsync("/api/auth/refresh", cookie, csrf: false), HttpStatusCode.Forbidden, "csrf_header_required");

        var refreshed = await PostWithCookieAsync("/api/auth/refresh", cookie);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var next = RefreshCookie(refreshed);
        Assert.NotNull(next);
        Assert.NotEqual(cookie, next);
        var body = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("refreshToken", out _));
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(body.GetProperty("accessToken").GetString())).StatusCode);
    }

    [Fact]
    public async Task ThreeTabsRefreshingAtOnce_AllCarryOn_AndTheSessionIsNotTakenAsStolen()
    {
        var (_, cookie) = await BrowserLoginAsync(await RegisterAsync());

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostWithCookieAsync("/api/auth/refresh", cookie)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        foreach (var answer in answers)
        {
            var access = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(access)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await PostWithCookieAsync("/api/auth/refresh", RefreshCookie(answers[^1])!)).StatusCode);
    }

    [Fact]
    public async Task Logout_ClearsTheCookie_AndNeedsTheCsrfHeaderWhenItIsSent()
    {
        var (response, cookie) = await BrowserLoginAsync(await RegisterAsync());
        var access = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;

        await AssertProblemAsync(await PostWithCookieAsync("/api/auth/logout", cookie, csrf: false, bearer: access), HttpStatusCode.Forbidden, "csrf_header_required");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(access)).StatusCode); // nothing changed

        var logout = await PostWithCookieAsync("/api/auth/logout", cookie, bearer: access);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        var cleared = logout.Headers.GetValues("Set-Cookie").Single(v => v.StartsWith("TokenVersioning-Refresh=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("expires=thu, 01 jan 1970", cleared);
        Assert.Contains("path=/api/auth", cleared);
        await AssertProblemAsync(await PostWithCookieAsync("/api/auth/refresh", cookie), HttpStatusCode.Unauthorized, "refresh_token_invalid");
    }

    [Fact]
    public async Task ACookieSession_GetsItsNewRefreshTokenAsACookie_FromPasswordChangeLogoutOthersAndEndingAnotherSession()
    {
        var account = await RegisterAsync();
        var (response, _) = await BrowserLoginAsync(account);
        var access = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var other = await LoginAsync(account, "other");

        var ended = await SendAsync(HttpMethod.Delete, $"/api/sessions/{other.SessionId}", access);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.NotNull(RefreshCookie(ended));
        var body = await ended.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("refreshToken", out _));

        var others = await SendAsync(HttpMethod.Post, "/api/auth/logout-others", body.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);
        Assert.NotNull(RefreshCookie(others));
        Assert.False((await others.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("refreshToken", out _));
    }

    [Fact]
    public async Task TheJsonApi_IsUnchanged_ForClientsThatDoNotAskForTheCookie()
    {
        var account = await RegisterAsync();
        var response = await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = account.Password });

        Assert.Null(RefreshCookie(response));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(43, body.GetProperty("refreshToken").GetString()!.Length);
        // A refresh with neither a body nor the cookie is the usual validation problem.
        await AssertProblemAsync(await Client.PostAsync("/api/auth/refresh", null), HttpStatusCode.BadRequest, "validation_failed");
        await AssertProblemAsync(await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = account.Password, refreshTokenDelivery = "header" }),
            HttpStatusCode.BadRequest, "validation_failed");
    }
}
