using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Hostile;

/// <summary>A genuine token cut, padded, stripped or sent under the wrong scheme: a 401 with the right code.</summary>
[Collection(ApiCollection.Name)]
public sealed class MalformedTokenTests(ApiFactory factory) : ApiTest(factory)
{
    public static TheoryData<string, string> ShapeAttacks => new()
    {
        { "two-parts", "token_invalid" },
        { "five-parts", "token_invalid" },
        { "non-base64", "token_invalid" },
        { "signature-stripped", "token_invalid" },
        { "20kb", "token_invalid" },
        { "empty-bearer", "token_missing" },
        { "basic-scheme", "token_missing" },
        { "no-scheme", "token_missing" },
        { "garbage", "token_invalid" },
    };

    [Theory]
    [MemberData(nameof(ShapeAttacks))]
    public async Task ShapeAttack_IsRefusedWithTheRightCode(string attack, string code)
    {
        var good = (await LoginAsync(await RegisterAsync())).AccessToken;
        var parts = good.Split('.');
        var authorization = attack switch
        {
            "two-parts" => $"Bearer {parts[0]}.{parts[1]}",
            "five-parts" => $"Bearer {good}.{parts[1]}.{parts[2]}",
            "non-base64" => $"Bearer {parts[0]}.{parts[1]}*$.{parts[2]}",
            "signature-stripped" => $"Bearer {parts[0]}.{parts[1]}.",
            "20kb" => $"Bearer {parts[0]}.{new string('A', 20 * 1024)}.{parts[2]}",
            "empty-bearer" => "Bearer ",
            "basic-scheme" => "Basic dXNlcjpwYXNzd29yZA==",
            "no-scheme" => good,
            "garbage" => "Bearer ....",
            _ => throw new ArgumentOutOfRangeException(nameof(attack)),
        };

        await AssertUnauthorizedAsync(await SendRawAuthorizationAsync("/api/users/me", authorization), code);
    }
}
