using System.Net;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Edge;

/// <summary>With <c>Management:Port</c>, the operator's endpoints answer there only, and the API only on its own port.</summary>
[Trait("Servers", "process")]
public sealed class ManagementPortTests : IAsyncLifetime
{
    private readonly int _management = Ports.Free();
    private ServiceProcess _service = null!;

    public async Task InitializeAsync() =>
        _service = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["Management:Port"] = _management.ToString() });

    public Task DisposeAsync() => _service.DisposeAsync().AsTask();

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task OperatorEndpoints_AnswerOnTheManagementPortOnly(string path)
    {
        using var http = new HttpClient();

        var management = await http.GetAsync($"http://127.0.0.1:{_management}{path}");
        var publicPort = await http.GetAsync(_service.Url + path);

        Assert.Equal(HttpStatusCode.OK, management.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, publicPort.StatusCode);
        Assert.Equal("application/problem+json", publicPort.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheApi_DoesNotAnswerOnTheManagementPort()
    {
        using var http = new HttpClient();

        var onManagement = await http.GetAsync($"http://127.0.0.1:{_management}/api/users/me");
        var onPublic = await http.GetAsync(_service.Url + "/api/users/me");

        Assert.Equal(HttpStatusCode.NotFound, onManagement.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, onPublic.StatusCode);
    }
}
