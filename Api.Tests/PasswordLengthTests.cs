using System.Net;
using System.Net.Http.Json;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>Passwords are 12 to 128 Unicode code points: an emoji (two UTF-16 units) counts once.</summary>
[Collection(ApiCollection.Name)]
public sealed class PasswordLengthTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Emoji = "😀";

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    [Theory]
    [InlineData(12)]
    [InlineData(65)]  // 130 UTF-16 units
    [InlineData(128)] // 256 UTF-16 units
    public async Task APasswordOfAstralCharacters_WithinTheLimits_IsAcceptedAndLogsIn(int codePoints)
    {
        var email = NewEmail();
        var password = Repeat(Emoji, codePoints);

        var register = await Client.PostAsJsonAsync("/api/auth/register", new { email, password });
        var login = await Client.PostAsJsonAsync("/api/auth/login", new { email, password });

        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Theory]
    [InlineData(6)]   // 12 UTF-16 units, but 6 characters
    [InlineData(11)]
    [InlineData(129)]
    public async Task APasswordOfAstralCharacters_OutsideTheLimits_IsRefused(int codePoints)
    {
        var response = await Client.PostAsJsonAsync("/api/auth/register", new { email = NewEmail(), password = Repeat(Emoji, codePoints) });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Theory]
    [InlineData("            ")]
    [InlineData("\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000\u3000")]
    [InlineData("\t\n \t\n \t\n \t\n \t\n")]
    public async Task AWhitespaceOnlyPassword_IsRefused(string password)
    {
        var response = await Client.PostAsJsonAsync("/api/auth/register", new { email = NewEmail(), password });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task ChangingToAnAstralPassword_CountsCodePointsToo()
    {
        var tokens = await LoginAsync(await RegisterAsync());

        var tooShort = await SendAsync(HttpMethod.Post, "/api/users/me/password", tokens.AccessToken,
            new { currentPassword = Password, newPassword = Repeat(Emoji, 6) });
        var justRight = await SendAsync(HttpMethod.Post, "/api/users/me/password", tokens.AccessToken,
            new { currentPassword = Password, newPassword = Repeat(Emoji, 65) });

        var problem = await AssertProblemAsync(tooShort, HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("newPassword", out _));
        Assert.Equal(HttpStatusCode.OK, justRight.StatusCode);
    }
}
