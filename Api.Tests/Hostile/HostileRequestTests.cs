using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.Tests.Hostile;

/// <summary>Hostile Authorization headers against the running service: a 401 problem with a code, never a 5xx, and no cost.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostileRequestTests(ApiFactory factory) : ApiTest(factory)
{
    private const ulong Seed = 20261124;
    private const int HttpCases = 3_000;
    private const int ForgeriesOfEachKind = 10_000;

    private static readonly string[] Codes = ["token_missing", "token_invalid", "token_expired", "token_revoked", "user_disabled"];

    [Theory]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer not.a.jwt")]
    [InlineData("Bearer ab.cd.ef")]
    [InlineData("Bearer a")]
    [InlineData("Bearer")]
    [InlineData("bearer   ")]
    [InlineData("Bearer \u00e9.\u00e9.\u00e9")]
    [InlineData("Bearer ===.===.===")]
    public async Task GarbledBearerTokens_Are401Problems(string authorization)
    {
        var response = await SendRawAuthorizationAsync("/api/users/me", authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertHostileAnswerAsync(response, authorization);
    }

    [Fact]
    public async Task GeneratedAuthorizationHeaders_AreProblemsWithACode_NeverA5xx()
    {
        var tokens = await LoginAsync(await RegisterAsync());
        var hostile = new HostileTokens([tokens.AccessToken], payload => payload.Replace("{chk}", "AAAAAAAAAAAAAAAAAAAAAA"));
        var headers = Gen.Frequency(
            (6, hostile.Any.Select(t => "Bearer " + t)),
            (1, HostileTokens.RandomDotted),
            (1, Gen.String[Gen.Char, 0, 80]));
        var pcg = new PCG(2, Seed);

        for (var i = 0; i < HttpCases; i++)
        {
            // A header value cannot carry line breaks or NUL on the wire.
            var authorization = headers.Generate(pcg, null, out _).Replace("\r", "").Replace("\n", "").Replace("\0", "");
            var response = await SendRawAuthorizationAsync("/api/users/me", authorization);
            await AssertHostileAnswerAsync(response, authorization, tokens.AccessToken);
        }
    }

    [Fact]
    public async Task ForgedTokenFloods_NeverReadTheDatabase_NorTouchTheCache()
    {
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens.AccessToken)).StatusCode);
        var loads = Factory.StateSource.TotalLoads;
        var cached = Factory.StateCache.Count;
        var validator = Factory.Services.GetRequiredService<AccessTokenValidator>();
        var forgeries = RandomSubjectForgeries(tokens.AccessToken).Concat(AlteredCopies(tokens.AccessToken)).ToList();

        foreach (var forged in forgeries)
        {
            var result = await validator.ValidateAsync(BearerHeader.TokenOf("Bearer " + forged), CancellationToken.None);
            Assert.Equal(TokenFailure.Invalid, result.Failure);
        }

        foreach (var forged in forgeries.Where((_, i) => i % 40 == 0))
            await AssertUnauthorizedAsync(await GetMeAsync(forged), "token_invalid");

        Assert.Equal(2 * ForgeriesOfEachKind, forgeries.Count);
        Assert.Equal(loads, Factory.StateSource.TotalLoads);
        Assert.Equal(cached, Factory.StateCache.Count);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens.AccessToken)).StatusCode);
        Assert.Equal(loads, Factory.StateSource.TotalLoads); // the real user's state was neither evicted nor reloaded
    }

    /// <summary>Well-formed tokens naming random users, with a made-up <c>chk</c> and signature.</summary>
    private static IEnumerable<string> RandomSubjectForgeries(string genuine)
    {
        var header = genuine[..genuine.IndexOf('.')];
        var payload = TokenForge.PayloadOf(genuine);
        for (var i = 0; i < ForgeriesOfEachKind; i++)
        {
            payload["sub"] = Guid.NewGuid().ToString();
            payload["chk"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            yield return $"{header}.{TokenForge.B64(payload.ToJsonString())}.{RandomSignature()}";
        }
    }

    /// <summary>The real user's token with <c>ver</c>, <c>sub</c>, <c>sid</c>, <c>exp</c> or <c>jti</c> changed; signature kept or made up.</summary>
    private static IEnumerable<string> AlteredCopies(string genuine)
    {
        var parts = genuine.Split('.');
        Action<JsonObject>[] changes =
        [
            p => p["ver"] = p["ver"]!.GetValue<long>() + 1 + RandomNumberGenerator.GetInt32(1000),
            p => p["sub"] = Guid.NewGuid().ToString(),
            p => p["sid"] = Guid.NewGuid().ToString(),
            p => p["exp"] = p["exp"]!.GetValue<long>() + 1 + RandomNumberGenerator.GetInt32(100_000),
            p => p["jti"] = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
        ];
        for (var i = 0; i < ForgeriesOfEachKind; i++)
        {
            var payload = TokenForge.PayloadOf(genuine);
            changes[i % changes.Length](payload);
            var signature = i % 2 == 0 ? parts[2] : RandomSignature();
            yield return $"{parts[0]}.{TokenForge.B64(payload.ToJsonString())}.{signature}";
        }
    }

    private static string RandomSignature() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static async Task AssertHostileAnswerAsync(HttpResponseMessage response, string authorization, string? genuine = null)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var label = $"{status} for Authorization {JsonSerializer.Serialize(authorization)}: {text}";
        Assert.True(status is 200 or 401, label);
        Assert.True(status == 401 || authorization.Trim() == $"Bearer {genuine}", label);
        Assert.True(status == 200 || response.Content.Headers.ContentType?.MediaType == "application/problem+json", label);
        Assert.True(status == 200 || Codes.Contains(JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()), label);
    }
}
