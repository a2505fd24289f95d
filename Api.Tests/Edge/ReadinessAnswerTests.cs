using System.Net;
using System.Text.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Edge;

[Collection(ApiCollection.Name)]
public sealed class ReadinessAnswerTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Ready_NamesEachCheckAndItsStatus()
    {
        var response = await Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["revocation-log"]);
    }
}
