using System.Net;
using System.Net.Http.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Edge;

/// <summary>Every answer that carries a token or a secret says so to caches: <c>no-store</c> (RFC 6749 §5.1).</summary>
[Collection(ApiCollection.Name)]
public sealed class NoStoreTests(ApiFactory factory) : ClientTest(factory)
{
    [Fact]
    public async Task TokenResponses_IntrospectionAndACreatedClient_AreNeverStored()
    {
        var account = await RegisterAsync();
        var login = await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = Password });
        var first = (await login.Content.ReadFromJsonAsync<Tokens>())!;
        var refresh = await RefreshAsync(first.RefreshToken);
        var current = (await refresh.Content.ReadFromJsonAsync<Tokens>())!;
        var other = await LoginAsync(account, "other");
        var password = await SendAsync(HttpMethod.Post, "/api/users/me/password", current.AccessToken,
            new { currentPassword = Password, newPassword = Password + "!" });
        var changed = (await password.Content.ReadFromJsonAsync<Tokens>())!;
        var again = await LoginAsync(account with { Password = Password + "!" }, "again");
        var endOther = await SendAsync(HttpMethod.Delete, $"/api/sessions/{again.SessionId}", changed.AccessToken);
        var adminTokens = await LoginAsync(await CreateAdminAsync());
        var created = await SendAsync(HttpMethod.Post, "/api/admin/clients", adminTokens.AccessToken, new { name = "reports" });
        var client = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>());
        var introspect = await PostFormAsync("/api/oauth/introspect",
            Basic(client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!), ("token", other.AccessToken));

        foreach (var (name, response, status) in new[]
                 {
                     ("login", login, HttpStatusCode.OK), ("refresh", refresh, HttpStatusCode.OK),
                     ("password change", password, HttpStatusCode.OK), ("session deletion", endOther, HttpStatusCode.OK),
                     ("created client", created, HttpStatusCode.Created), ("introspection", introspect, HttpStatusCode.OK),
                 })
        {
            Assert.True(response.StatusCode == status, $"{name}: {(int)response.StatusCode}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{name} has no Cache-Control: no-store");
            Assert.Equal("no-cache", Assert.Single(response.Headers.GetValues("Pragma")));
        }
    }
}
