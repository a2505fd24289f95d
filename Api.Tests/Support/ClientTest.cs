using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>Base of the tests of what other services use: API clients, introspection, revocation, events.</summary>
public abstract class ClientTest(ApiFactory factory) : ApiTest(factory)
{
    protected async Task<(ApiClientCredentials Client, Tokens Admin)> CreateClientAsync(string name = "orders-service")
    {
        var admin = await LoginAsync(await CreateAdminAsync());
        var response = await SendAsync(HttpMethod.Post, "/api/admin/clients", admin.AccessToken, new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var client = new ApiClientCredentials(body.GetProperty("id").GetGuid(), body.GetProperty("clientId").GetString()!,
            body.GetProperty("clientSecret").GetString()!);
        return (client, admin);
    }

    /// <summary>HTTP Basic for an API client, each half form-urlencoded as RFC 6749 §2.3.1 asks.</summary>
    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    protected Task<HttpResponseMessage> PostFormAsync(string url, AuthenticationHeaderValue? authorization, params (string Key, string Value)[] form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value))),
        };
        request.Headers.Authorization = authorization;
        return Client.SendAsync(request);
    }

    protected async Task<JsonElement> IntrospectAsync(ApiClientCredentials client, string token, string? hint = null)
    {
        var form = hint is null ? new[] { ("token", token) } : [("token", token), ("token_type_hint", hint)];
        var response = await PostFormAsync("/api/oauth/introspect", Basic(client.ClientId, client.ClientSecret), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected static void AssertInactive(JsonElement answer) => Assert.Equal("""{"active":false}""", answer.GetRawText());

    protected async Task<HttpResponseMessage> RevokeAsync(ApiClientCredentials client, string token, string? hint = null)
    {
        var form = hint is null ? new[] { ("token", token) } : [("token", token), ("token_type_hint", hint)];
        return await PostFormAsync("/api/oauth/revoke", Basic(client.ClientId, client.ClientSecret), form);
    }

    protected static async Task AssertInvalidClientAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }
}
