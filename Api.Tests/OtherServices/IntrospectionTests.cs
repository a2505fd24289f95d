using TokenVersioning.Infrastructure.Tokens;
using Microsoft.Extensions.Options;
using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TokenVersioning.Infrastructure.Telemetry;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.OtherServices;

/// <summary>RFC 7662 introspection: the exact answers, for every kind of token, and for bad clients.</summary>
[Collection(ApiCollection.Name)]
public sealed class IntrospectionTests(ApiFactory factory) : ClientTest(factory)
{
    [Fact]
    public async Task AValidAccessToken_IsActive_WithItsClaims_AndCostsNoDatabaseRead()
    {
        var (client, _) = await CreateClientAsync();
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await GetMeAsync(tokens.AccessToken)).StatusCode); // cached
        var loads = Factory.StateSource.LoadsOf(account.Id);

        var answer = await IntrospectAsync(client, tokens.AccessToken);

        Assert.Equal(loads, Factory.StateSource.LoadsOf(account.Id));
        Assert.True(answer.GetProperty("active").GetBoolean());
        Assert.Equal("access_token", answer.GetProperty("token_type").GetString());
        Assert.Equal(account.Id.ToString("D"), answer.GetProperty("sub").GetString());
        Assert.Equal(tokens.SessionId.ToString("D"), answer.GetProperty("sid").GetString());
        Assert.Equal(1, answer.GetProperty("ver").GetInt64());
        Assert.Equal(ApiFactory.Issuer, answer.GetProperty("iss").GetString());
        Assert.Equal("tokenversioning-api", answer.GetProperty("aud").GetString());
        Assert.Equal("user", answer.GetProperty("role").GetString());
        Assert.Equal(client.ClientId, answer.GetProperty("client_id").GetString());
        Assert.Equal(TokenForge.PayloadOf(tokens.AccessToken)["jti"]!.GetValue<string>(), answer.GetProperty("jti").GetString());
        foreach (var time in new[] { "exp", "iat", "nbf" }) Assert.Equal(JsonValueKind.Number, answer.GetProperty(time).ValueKind);
    }

    [Fact]
    public async Task TheCurrentRefreshToken_IsActive_WhateverTheHint()
    {
        var (client, _) = await CreateClientAsync();
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);

        foreach (var hint in new[] { null, "refresh_token", "access_token" })
        {
            var answer = await IntrospectAsync(client, tokens.RefreshToken, hint);
            Assert.True(answer.GetProperty("active").GetBoolean());
            Assert.Equal("refresh_token", answer.GetProperty("token_type").GetString());
            Assert.Equal(account.Id.ToString("D"), answer.GetProperty("sub").GetString());
            Assert.Equal(tokens.SessionId.ToString("D"), answer.GetProperty("sid").GetString());
        }

        var access = await IntrospectAsync(client, tokens.AccessToken, "refresh_token");
        Assert.Equal("access_token", access.GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task IntrospectingARefreshToken_CountsNoAccessTokenValidation()
    {
        using var validations = new MetricCollector<long>(Factory.Services.GetRequiredService<IMeterFactory>(),
            TokenVersioningMetrics.MeterName, "tokenversioning.token.validations");
        var (client, _) = await CreateClientAsync();
        var tokens = await LoginAsync(await RegisterAsync());
        var before = validations.GetMeasurementSnapshot().Count; // the admin's requests that made the client

        foreach (var hint in new[] { null, "access_token", "refresh_token" })
            Assert.True((await IntrospectAsync(client, tokens.RefreshToken, hint)).GetProperty("active").GetBoolean());

        Assert.Equal(before, validations.GetMeasurementSnapshot().Count);
    }

    [Fact]
    public async Task ATokenFieldTakesUpToTheLongestAcceptedToken_AndLongerIsMalformed_HereAndOnRefresh()
    {
        // Tokens:MaxTokenLength (4096 in the tests' settings) is the one limit: no token this service accepts is longer.
        var limit = Factory.Services.GetRequiredService<IOptions<TokenOptions>>().Value.MaxTokenLength;
        var (client, _) = await CreateClientAsync();
        var basic = Basic(client.ClientId, client.ClientSecret);

        var atLimit = await PostFormAsync("/api/oauth/introspect", basic, ("token", new string('a', limit)));
        var overLimit = await PostFormAsync("/api/oauth/introspect", basic, ("token", new string('a', limit + 1)));
        var refreshAtLimit = await Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = new string('a', limit) });
        var refreshOverLimit = await Client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = new string('a', limit + 1) });
        var document = await Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        AssertInactive(await atLimit.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(HttpStatusCode.BadRequest, overLimit.StatusCode);
        Assert.Equal("invalid_request", (await overLimit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        await AssertProblemAsync(refreshAtLimit, HttpStatusCode.Unauthorized, "refresh_token_invalid");
        await AssertProblemAsync(refreshOverLimit, HttpStatusCode.BadRequest, "validation_failed");
        var form = document.GetProperty("paths").GetProperty("/api/oauth/introspect").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/x-www-form-urlencoded").GetProperty("schema");
        Assert.Equal(limit, form.GetProperty("properties").GetProperty("token").GetProperty("maxLength").GetInt32());
        Assert.Equal(limit, document.GetProperty("components").GetProperty("schemas").GetProperty("RefreshRequest")
            .GetProperty("properties").GetProperty("refreshToken").GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public async Task ClientSecretPost_AuthenticatesLikeBasic_AndBothAtOnceIsAnInvalidRequest()
    {
        var (client, _) = await CreateClientAsync();
        var tokens = await LoginAsync(await RegisterAsync());

        var posted = await PostFormAsync("/api/oauth/introspect", null,
            ("token", tokens.AccessToken), ("client_id", client.ClientId), ("client_secret", client.ClientSecret));
        var both = await PostFormAsync("/api/oauth/introspect", Basic(client.ClientId, client.ClientSecret),
            ("token", tokens.AccessToken), ("client_id", client.ClientId), ("client_secret", client.ClientSecret));
        var wrong = await PostFormAsync("/api/oauth/revoke", null,
            ("token", tokens.AccessToken), ("client_id", client.ClientId), ("client_secret", client.ClientSecret + "x"));
        var idAlone = await PostFormAsync("/api/oauth/revoke", null, ("token", tokens.AccessToken), ("client_id", client.ClientId));
        var revoked = await PostFormAsync("/api/oauth/revoke", null,
            ("token", tokens.AccessToken), ("client_id", client.ClientId), ("client_secret", client.ClientSecret));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.True((await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal("invalid_request", (await both.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        await AssertInvalidClientAsync(wrong);
        Assert.Equal(HttpStatusCode.BadRequest, idAlone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetMeAsync(tokens.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task ARefreshTokensExp_IsWhenItActuallyStopsWorking_TheIdleTimeoutBeforeTheSessionsEnd()
    {
        var (client, _) = await CreateClientAsync();
        var tokens = await LoginAsync(await RegisterAsync());
        var loggedInAt = Factory.Time.GetUtcNow();

        var answer = await IntrospectAsync(client, tokens.RefreshToken);

        // 14 days idle comes before the 30-day end: that is when the token dies if it is not used.
        var expected = (loggedInAt + TimeSpan.FromDays(14)).ToUnixTimeSeconds();
        Assert.InRange(answer.GetProperty("exp").GetInt64(), expected - 1, expected + 1);
        Factory.Time.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(2));
        AssertInactive(await IntrospectAsync(client, tokens.RefreshToken));
    }

    [Fact]
    public async Task InvalidExpiredRevokedAndUnknownTokens_AreExactlyInactive()
    {
        var (client, admin) = await CreateClientAsync();
        var revoked = await LoginAsync(await RegisterAsync());
        await SendAsync(HttpMethod.Post, "/api/auth/logout-all", revoked.AccessToken);
        var disabledAccount = await RegisterAsync();
        var disabled = await LoginAsync(disabledAccount);
        await SendAsync(HttpMethod.Post, $"/api/admin/users/{disabledAccount.Id}/disable", admin.AccessToken);
        var deletedAccount = await RegisterAsync();
        var deleted = await LoginAsync(deletedAccount);
        await SendAsync(HttpMethod.Delete, $"/api/admin/users/{deletedAccount.Id}", admin.AccessToken);
        var rotated = await LoginAsync(await RegisterAsync());
        await RefreshOkAsync(rotated.RefreshToken);

        foreach (var token in new[]
                 {
                     "garbage", "a.b.c", revoked.AccessToken, revoked.RefreshToken, disabled.AccessToken, disabled.RefreshToken,
                     deleted.AccessToken, deleted.RefreshToken, rotated.RefreshToken, new string('A', 43),
                 })
        {
            AssertInactive(await IntrospectAsync(client, token));
        }

        var expiring = await LoginAsync(await RegisterAsync());
        Factory.Time.Advance(TimeSpan.FromMinutes(16));
        AssertInactive(await IntrospectAsync(client, expiring.AccessToken));
    }

    [Fact]
    public async Task IntrospectingARetiredRefreshToken_IsNotAUse_AndEndsNothing()
    {
        var (client, _) = await CreateClientAsync();
        var account = await RegisterAsync();
        var first = await LoginAsync(account);
        var second = await RefreshOkAsync(first.RefreshToken);
        Factory.Time.Advance(TimeSpan.FromSeconds(30)); // past the reuse grace: a refresh with it now would be theft

        AssertInactive(await IntrospectAsync(client, first.RefreshToken));

        Assert.Equal(1, (await UserRowAsync(account.Id)).TokenVersion);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(second.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task BadClients_Get401InvalidClient()
    {
        var (client, admin) = await CreateClientAsync();
        var (deleted, _) = await CreateClientAsync("soon-gone");
        await SendAsync(HttpMethod.Delete, $"/api/admin/clients/{deleted.Id}", admin.AccessToken);
        var token = (await LoginAsync(await RegisterAsync())).AccessToken;

        await AssertInvalidClientAsync(await PostFormAsync("/api/oauth/introspect", null, ("token", token)));
        await AssertInvalidClientAsync(await PostFormAsync("/api/oauth/introspect", Basic("tvc_nobody", client.ClientSecret), ("token", token)));
        await AssertInvalidClientAsync(await PostFormAsync("/api/oauth/introspect", Basic(client.ClientId, client.ClientSecret + "x"), ("token", token)));
        await AssertInvalidClientAsync(await PostFormAsync("/api/oauth/introspect", Basic(deleted.ClientId, deleted.ClientSecret), ("token", token)));
        await AssertInvalidClientAsync(await PostFormAsync("/api/oauth/revoke", new("Bearer", token), ("token", token)));
    }

    [Fact]
    public async Task ARequestWithoutAToken_Is400InvalidRequest()
    {
        var (client, _) = await CreateClientAsync();

        var response = await PostFormAsync("/api/oauth/introspect", Basic(client.ClientId, client.ClientSecret), ("token_type_hint", "access_token"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AClientsLastUse_IsRecorded()
    {
        var (client, admin) = await CreateClientAsync();
        var before = await WithDbAsync(db => db.ApiClients.AsNoTracking().SingleAsync(c => c.Id == client.Id));

        await IntrospectAsync(client, "anything");

        var after = await WithDbAsync(db => db.ApiClients.AsNoTracking().SingleAsync(c => c.Id == client.Id));
        Assert.Null(before.LastUsedAt);
        Assert.InRange(after.LastUsedAt!.Value, Factory.Time.GetUtcNow().AddSeconds(-1), Factory.Time.GetUtcNow());
        var list = await (await SendAsync(HttpMethod.Get, "/api/admin/clients", admin.AccessToken)).Content.ReadFromJsonAsync<JsonElement>();
        var listed = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.False(listed.TryGetProperty("clientSecret", out _));
        Assert.Equal(client.ClientId, listed.GetProperty("clientId").GetString());
    }
}
