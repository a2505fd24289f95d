using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Api.Tests;

/// <summary>Configuration: what starts, what refuses to start and says why, and what survives a restart.</summary>
public sealed class StartupTests
{
    private static async Task<Exception> StartFailureAsync(CustomApiFactory factory)
    {
        try
        {
            var exception = await Record.ExceptionAsync(() => ((IAsyncLifetime)factory).InitializeAsync());
            Assert.NotNull(exception);
            return exception;
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    [Fact]
    public async Task OutsideDevelopment_WithoutSigningKeys_RefusesToStartNamingTheSetting()
    {
        var failure = await StartFailureAsync(new CustomApiFactory("Production", CustomApiFactory.WithoutSigningKeys));

        Assert.Contains("Tokens:SigningKeys", failure.ToString());
    }

    [Theory]
    [InlineData("Tokens:SigningKeys:1:Secret", "c2hvcnQ=", "Tokens:SigningKeys:1:Secret")]
    [InlineData("Tokens:ActiveKeyId", "nope", "Tokens:ActiveKeyId")]
    [InlineData("Tokens:AccessTokenLifetime", "-00:01:00", "Tokens:AccessTokenLifetime")]
    [InlineData("RevocationCache:SizeLimit", "0", "RevocationCache:SizeLimit")]
    public async Task ABadSetting_StopsStartUpWithAMessageNamingTheKey(string key, string value, string named)
    {
        var failure = await StartFailureAsync(new CustomApiFactory(edit: s => s[key] = value));

        Assert.Contains(named, failure.ToString());
    }

    [Fact]
    public async Task InDevelopment_AGeneratedKeyIsStoredAndTokensSurviveARestart()
    {
        var directory = ApiFactory.NewDirectory();
        string accessToken;
        await using (var first = new CustomApiFactory("Development", CustomApiFactory.WithoutSigningKeys, directory))
        {
            await ((IAsyncLifetime)first).InitializeAsync();
            var client = first.CreateClient();
            var register = await client.PostAsJsonAsync("/api/auth/register", new { email = "dev@example.com", password = ApiTest.Password });
            Assert.Equal(HttpStatusCode.Created, register.StatusCode);
            var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "dev@example.com", password = ApiTest.Password });
            accessToken = (await login.Content.ReadFromJsonAsync<Tokens>())!.AccessToken;
            // The demo admin of Development exists.
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.True(await db.Users.AnyAsync(u => u.Roles.Contains("admin")));
        }

        Assert.True(File.Exists(Path.Combine(directory, ".devkeys", "signing-key.json")));
        await using var second = new CustomApiFactory("Development", CustomApiFactory.WithoutSigningKeys, directory) { KeepDatabase = false };
        await ((IAsyncLifetime)second).InitializeAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().SendAsync(request)).StatusCode);
        await ((IAsyncLifetime)second).DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task TheConfiguredBootstrapAdmin_IsCreatedAndCanUseAdminRoutes()
    {
        await using var factory = new CustomApiFactory(edit: s =>
        {
            s["Bootstrap:AdminEmail"] = "root@example.com";
            s["Bootstrap:AdminPassword"] = "a long bootstrap password";
        });
        await ((IAsyncLifetime)factory).InitializeAsync();
        var client = factory.CreateClient();

        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "root@example.com", password = "a long bootstrap password" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/users");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<Tokens>())!.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        await ((IAsyncLifetime)factory).DisposeAsync();
    }
}
