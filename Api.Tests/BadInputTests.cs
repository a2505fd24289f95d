using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>Bad input is a clear problem+json and changes nothing; no route answers an empty or HTML error.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(ApiFactory factory) : ApiTest(factory)
{
    private Task<HttpResponseMessage> PostRawAsync(string url, string body, string contentType = "application/json", string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Authorization = token is null ? null : new("Bearer", token);
        return Client.SendAsync(request);
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "/api/auth/register", "{\"email\": \"a@example.com\", \"password\": " },
        { "/api/auth/register", "{\"email\": 42, \"password\": \"correct horse battery\"}" },
        { "/api/auth/register", "{\"email\": [\"a@example.com\"], \"password\": {}}" },
        { "/api/auth/register", "[]" },
        { "/api/auth/register", "null" },
        { "/api/auth/register", "" },
        { "/api/auth/login", "{\"email\": \"a@example.com\", \"password\": true}" },
        { "/api/auth/login", "not json" },
        { "/api/auth/refresh", "{\"refreshToken\": 12345}" },
        { "/api/auth/refresh", "{\"refreshToken\": null}" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task MalformedJsonOrWrongTypes_Are400Problems(string url, string body)
    {
        var response = await PostRawAsync(url, body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, await WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task OversizedBody_IsA400ProblemAndChangesNothing()
    {
        var body = $"{{\"email\":\"big@example.com\",\"password\":\"correct horse battery\",\"displayName\":\"{new string('x', 1024 * 1024)}\"}}";

        var response = await PostRawAsync("/api/auth/register", body);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "body_too_large");
        Assert.Equal(0, await WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task OversizedBodyWithoutContentLength_IsStillRefused()
    {
        // Valid but for its size: an unknown property pads it.
        var payload = $"{{\"email\":\"big@example.com\",\"password\":\"correct horse battery\",\"padding\":\"{new string('x', 256 * 1024)}\"}}";
        var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(payload)));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Client.SendAsync(request);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "body_too_large");
        Assert.Equal(0, await WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task WrongContentType_IsA415Problem()
    {
        var response = await PostRawAsync("/api/auth/login", "email=a@example.com", "application/x-www-form-urlencoded");

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task UnknownRoute_IsA404Problem()
    {
        await AssertProblemAsync(await Client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task WrongMethod_IsA405Problem()
    {
        await AssertProblemAsync(await Client.GetAsync("/api/auth/login"), HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task MalformedBodyOnAnAuthenticatedRoute_ChangesNothing()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);

        var response = await PostRawAsync("/api/users/me/password", "{\"currentPassword\": 1", token: tokens.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(1, (await UserRowAsync(account.Id)).TokenVersion);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens.AccessToken)).StatusCode);
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
