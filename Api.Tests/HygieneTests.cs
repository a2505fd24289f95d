using System.Net.Http.Json;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Infrastructure.Revocation;

namespace TokenVersioning.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HygieneTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public void ARevocationRequest_NeverPrintsTheNewPasswordHash()
    {
        var request = new RevocationRequest(Guid.NewGuid(), RevocationEvent.PasswordChanged, Guid.NewGuid()) { NewPasswordHash = "AQAAAAIAAYagAAAAE-the-hash" };

        Assert.DoesNotContain("the-hash", request.ToString());
        Assert.Contains("PasswordChanged", request.ToString());
    }

    [Fact]
    public async Task NoPasswordTokenSaltOrHashReachesTheLogs()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        var refreshed = await RefreshOkAsync(tokens.RefreshToken);
        await GetMeAsync(tokens.AccessToken + "x");
        var wrongCurrent = new { currentPassword = "wrong password!!", newPassword = "another passphrase" };
        await SendAsync(HttpMethod.Post, "/api/users/me/password", refreshed.AccessToken, wrongCurrent);
        await Client.PostAsJsonAsync("/api/auth/login", new { email = account.Email, password = "a wrong password" });
        await SendAsync(HttpMethod.Post, "/api/auth/logout", refreshed.AccessToken);
        Factory.Time.Advance(TimeSpan.FromSeconds(11));
        await RefreshAsync(tokens.RefreshToken); // reuse: the theft path logs too
        var row = await UserRowAsync(account.Id);

        var logs = Factory.Logs.Text;

        Assert.NotEmpty(logs);
        foreach (var secret in new[]
                 {
                     Password, "a wrong password", "wrong password!!", tokens.AccessToken, tokens.RefreshToken,
                     refreshed.AccessToken.Split('.')[2], refreshed.RefreshToken, Convert.ToBase64String(row.SecuritySalt),
                     Convert.ToHexString(row.SecuritySalt), row.PasswordHash, ApiFactory.ActiveSecret,
                 })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }
    }
}
