using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.Tests.Edge;

/// <summary>
/// Inputs found by a black-box fuzzer that reached a 500 or an answer without a problem: whatever the request asks
/// to get back or sends, an error is a problem (or the OAuth error) with a body, never an exception's text.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EdgeInputTests(ApiFactory factory) : ClientTest(factory)
{
    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/plain")]
    [InlineData("text/html")]
    [InlineData("image/png, text/csv;q=0.5")]
    public async Task AnErrorIsAProblem_WhateverTheAcceptHeaderAsksFor(string accept)
    {
        var admin = await LoginAsync(await CreateAdminAsync());

        var missingUser = await SendWithAcceptAsync($"/api/admin/users/{Guid.NewGuid():N}", admin.AccessToken, accept);
        var noRoute = await SendWithAcceptAsync("/api/nothing-here", null, accept);
        var noToken = await SendWithAcceptAsync("/api/users/me", null, accept);

        var body = await AssertProblemAsync(missingUser, HttpStatusCode.NotFound, "user_not_found");
        Assert.DoesNotContain("Exception", body.GetRawText());
        await AssertProblemAsync(noRoute, HttpStatusCode.NotFound, "not_found");
        await AssertUnauthorizedAsync(noToken, "token_missing");
    }

    [Theory]
    [InlineData("token=%00")]
    [InlineData("token=abc%00def")]
    [InlineData("token=a%0Ab")]
    [InlineData("token=a&token=b")]
    [InlineData("token=a&token_type_hint=x&token_type_hint=y")]
    [InlineData("token=%E2%82%AC")]
    [InlineData("")]
    public async Task AMalformedOAuthForm_IsAnInvalidRequest(string form)
    {
        var (client, _) = await CreateClientAsync();
        foreach (var route in new[] { "/api/oauth/introspect", "/api/oauth/revoke" })
        {
            var response = await PostRawAsync(route, client, form, "application/x-www-form-urlencoded");
            await AssertInvalidRequestAsync(response);
        }
    }

    [Fact]
    public async Task AnOversizedFormKey_IsAnInvalidRequest()
    {
        var (client, _) = await CreateClientAsync();

        var response = await PostRawAsync("/api/oauth/introspect", client, new string('k', 3000) + "=v&token=abc", "application/x-www-form-urlencoded");

        await AssertInvalidRequestAsync(response);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded; charset=utf-16")]
    [InlineData("application/x-www-form-urlencoded; charset=iso-8859-1")]
    [InlineData("not a media type")]
    [InlineData("application/x-www-form-urlencoded; charset")]
    public async Task TheOAuthEndpoints_AnswerABadContentTypeWithAnInvalidRequestBody(string contentType)
    {
        var (client, _) = await CreateClientAsync();

        var response = await PostRawAsync("/api/oauth/revoke", client, "token=abc", contentType);

        await AssertInvalidRequestAsync(response);
    }

    [Theory]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=utf-32")]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/json; charset=utf8")]
    [InlineData("application/json; charset=\"x-nothing\"")]
    public async Task AJsonBodyInAnotherCharset_IsA415Problem(string contentType)
    {
        var admin = await LoginAsync(await CreateAdminAsync());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/clients")
        {
            Content = new ByteArrayContent(Encoding.Unicode.GetBytes("{\"name\":\"\uD800x\"}")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.AccessToken);

        var response = await Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var clients = await (await SendAsync(HttpMethod.Get, "/api/admin/clients", admin.AccessToken)).Content.ReadAsStringAsync();
        Assert.Equal(0, JsonDocument.Parse(clients).RootElement.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    public async Task AJsonBodyInUtf8_IsReadWhateverTheCharsetsSpelling(string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register")
        {
            Content = new StringContent($"{{\"email\":\"{NewEmail()}\",\"password\":\"{Password}\"}}", Encoding.UTF8),
        };
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AMalformedContentType_IsA415ProblemOnTheJsonRoutes()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = new StringContent("{}") };
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; ===");

        var response = await Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task ANulInAStoredText_IsAValidationProblem_OnEveryDatabase()
    {
        var account = await RegisterAsync();
        var admin = await LoginAsync(await CreateAdminAsync());

        var register = await Client.PostAsJsonAsync("/api/auth/register", new { email = NewEmail(), password = Password, displayName = "a\0b" });
        var login = await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password, deviceName = "\0" });
        var client = await SendAsync(HttpMethod.Post, "/api/admin/clients", admin.AccessToken, new { name = "x\0" });
        var disable = await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/disable", admin.AccessToken, new { reason = "\0" });

        foreach (var response in new[] { register, login, client, disable })
            await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.False((await UserRowAsync(account.Id)).Disabled);
    }

    private Task<HttpResponseMessage> SendWithAcceptAsync(string url, string? accessToken, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostRawAsync(string url, ApiClientCredentials client, string body, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Authorization = Basic(client.ClientId, client.ClientSecret);
        return Client.SendAsync(request);
    }

    private static async Task AssertInvalidRequestAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invalid_request", JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
    }
}
