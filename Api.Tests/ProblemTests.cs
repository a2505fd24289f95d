using System.Net;
using System.Net.Http.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>Routing, method and validation problems are as complete as any other: status, title, detail, code, traceId.</summary>
[Collection(ApiCollection.Name)]
public sealed class ProblemTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task EndingASessionWithANonGuidId_IsA404Problem()
    {
        var tokens = await LoginAsync(await RegisterAsync());

        var response = await SendAsync(HttpMethod.Delete, "/api/sessions/0", tokens.AccessToken);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task AValidationProblem_HasADetailAndFieldKeyedErrors()
    {
        var response = await Client.PostAsJsonAsync("/api/auth/register", new { email = "not-an-email", password = "short" });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order();
        Assert.Equal(["email", "password"], errors);
    }

    [Theory]
    [InlineData("POST", "/health/live")]
    [InlineData("PUT", "/health/ready")]
    [InlineData("DELETE", "/health/live")]
    [InlineData("PATCH", "/health/ready")]
    public async Task HealthEndpoints_RefuseOtherMethodsWithA405Problem(string method, string url)
    {
        var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpoints_AnswerGetAndHead(string url)
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url))).StatusCode);
    }

    [Fact]
    public async Task ARequestWithoutAToken_GetsTheBareBearerChallenge()
    {
        var response = await GetMeAsync(null);

        await AssertUnauthorizedAsync(response, "token_missing");
        Assert.Equal("Bearer", Assert.Single(response.Headers.GetValues("WWW-Authenticate")));
    }
}
