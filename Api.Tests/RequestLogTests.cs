using System.Net;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>One line per request, with the route template and never a token or a body.</summary>
[Collection(ApiCollection.Name)]
public sealed class RequestLogTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task EachRequest_LogsOneLineWithItsRouteTemplateStatusAndTraceId()
    {
        var tokens = await LoginAsync(await RegisterAsync());
        var before = Factory.Logs.Text.Length;

        await SendAsync(HttpMethod.Delete, $"/api/sessions/{Guid.NewGuid()}", tokens.AccessToken);
        await Client.GetAsync("/nowhere");

        var lines = Factory.Logs.Text[before..].Split('\n').Where(l => l.Contains("RequestLogMiddleware")).ToList();
        Assert.True(lines.Count == 2, string.Join("\n", lines));
        const string expected = @"HTTP DELETE api/sessions/\{id:guid\} responded 404 in \d+\.\d ms \(trace \S+\)";
        Assert.Matches(expected, lines[0]);
        Assert.Matches(@"HTTP GET \(no route\) responded 404 in \d+\.\d ms", lines[1]);
        Assert.DoesNotContain(tokens.AccessToken, lines[0]);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens.AccessToken)).StatusCode);
    }
}
