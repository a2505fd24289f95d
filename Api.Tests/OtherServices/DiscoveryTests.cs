using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.OtherServices;

/// <summary>RFC 8414 metadata: everything under the configured issuer, both client authentication methods.</summary>
[Collection(ApiCollection.Name)]
public sealed class DiscoveryTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task TheMetadata_NamesTheIssuerAndEveryEndpointUnderIt()
    {
        var response = await Client.GetAsync("/.well-known/oauth-authorization-server");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metadata = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ApiFactory.Issuer, metadata.GetProperty("issuer").GetString());
        Assert.Equal($"{ApiFactory.Issuer}/api/oauth/introspect", metadata.GetProperty("introspection_endpoint").GetString());
        Assert.Equal($"{ApiFactory.Issuer}/api/oauth/revoke", metadata.GetProperty("revocation_endpoint").GetString());
        Assert.Equal($"{ApiFactory.Issuer}/api/events/revocations", metadata.GetProperty("tokenversioning_revocation_events_endpoint").GetString());
        Assert.Equal($"{ApiFactory.Issuer}/api/auth/verify", metadata.GetProperty("tokenversioning_verify_endpoint").GetString());
        foreach (var methods in new[] { "introspection_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported" })
            Assert.Equal(["client_secret_basic", "client_secret_post"], metadata.GetProperty(methods).EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task TheMetadata_AnswersHead_AndOtherMethodsAre405Problems()
    {
        var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/.well-known/oauth-authorization-server"));
        var post = await Client.PostAsync("/.well-known/oauth-authorization-server", null);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        await AssertProblemAsync(post, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task IssuedTokens_CarryTheIssuerAsIss()
    {
        var tokens = await LoginAsync(await RegisterAsync());

        Assert.Equal(ApiFactory.Issuer, TokenForge.PayloadOf(tokens.AccessToken)["iss"]!.GetValue<string>());
    }
}
