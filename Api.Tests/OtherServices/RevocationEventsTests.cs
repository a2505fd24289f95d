using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.OtherServices;

/// <summary>The revocation event stream: live events, resumption without loss or duplicates, reset, and a deleted client.</summary>
[Collection(ApiCollection.Name)]
public sealed class RevocationEventsTests(ApiFactory factory) : ClientTest(factory)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private async Task<EventStream> OpenAsync(ApiClientCredentials client, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/revocations");
        request.Headers.Authorization = Basic(client.ClientId, client.ClientSecret);
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()), Bound);
    }

    private static JsonElement DataOf(ServerEvent? e) => JsonDocument.Parse(Assert.IsType<ServerEvent>(e).Data).RootElement;

    [Fact]
    public async Task ARevocation_ArrivesAsAnEvent()
    {
        var (client, _) = await CreateClientAsync();
        var account = await RegisterAsync();
        var tokens = await LoginAsync(account);
        using var stream = await OpenAsync(client);

        await SendAsync(HttpMethod.Post, "/api/auth/logout", tokens.AccessToken);

        var next = await stream.NextAsync();
        var data = DataOf(next);
        var logged = await WithDbAsync(db => db.RevocationLog.AsNoTracking().SingleAsync(e => e.UserId == account.Id));
        Assert.Equal(logged.Sequence.ToString(), next!.Id);
        Assert.Equal(account.Id, data.GetProperty("userId").GetGuid());
        Assert.Equal(2, data.GetProperty("tokenVersion").GetInt64());
        Assert.Equal(tokens.SessionId, data.GetProperty("sessionId").GetGuid());
        Assert.Equal("logout", data.GetProperty("event").GetString());
        Assert.Equal(JsonValueKind.String, data.GetProperty("at").ValueKind);
    }

    /// <summary>Each event's <c>sessionId</c>: the one session it ended, or null when it ended none or several.</summary>
    [Theory]
    [InlineData("logout", "the caller's")]
    [InlineData("logout_all", null)]
    [InlineData("session_revoked", "the other one")]
    [InlineData("password_changed", null)]
    [InlineData("refresh_token_reused", "the other one")]
    [InlineData("admin_revoke_sessions", null)]
    [InlineData("user_disabled", null)]
    [InlineData("user_deleted", null)]
    [InlineData("logout_others", null)]
    [InlineData("admin_session_revoked", "the other one")]
    [InlineData("roles_changed", null)]
    public async Task EachEvent_CarriesTheOneSessionItEnded_OrNull(string revocation, string? ended)
    {
        var (client, admin) = await CreateClientAsync();
        var account = await RegisterAsync();
        var caller = await LoginAsync(account, "caller");
        var other = await LoginAsync(account, "other");
        var retired = other.RefreshToken;
        if (revocation == "refresh_token_reused")
        {
            await RefreshOkAsync(retired); // retires it; presented again past the grace window, it is a theft
            Factory.Time.Advance(TimeSpan.FromMinutes(1));
        }

        using var stream = await OpenAsync(client);

        var response = revocation switch
        {
            "logout" => await SendAsync(HttpMethod.Post, "/api/auth/logout", caller.AccessToken),
            "logout_all" => await SendAsync(HttpMethod.Post, "/api/auth/logout-all", caller.AccessToken),
            "session_revoked" => await SendAsync(HttpMethod.Delete, $"/api/sessions/{other.SessionId}", caller.AccessToken),
            "password_changed" => await SendAsync(HttpMethod.Post, "/api/users/me/password", caller.AccessToken,
                new { currentPassword = Password, newPassword = Password + "!" }),
            "refresh_token_reused" => await RefreshAsync(retired),
            "admin_revoke_sessions" => await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/revoke-sessions", admin.AccessToken),
            "user_disabled" => await SendAsync(HttpMethod.Post, $"/api/admin/users/{account.Id}/disable", admin.AccessToken),
            "logout_others" => await SendAsync(HttpMethod.Post, "/api/auth/logout-others", caller.AccessToken),
            "admin_session_revoked" => await SendAsync(HttpMethod.Delete, $"/api/admin/users/{account.Id}/sessions/{other.SessionId}", admin.AccessToken),
            "roles_changed" => await SendAsync(HttpMethod.Put, $"/api/admin/users/{account.Id}/roles", admin.AccessToken, new { roles = new[] { "user", "admin" } }),
            _ => await SendAsync(HttpMethod.Delete, $"/api/admin/users/{account.Id}", admin.AccessToken),
        };

        var data = DataOf(await stream.NextAsync());
        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"{(int)response.StatusCode}");
        Assert.Equal(revocation, data.GetProperty("event").GetString());
        Guid? expected = ended switch { "the caller's" => caller.SessionId, "the other one" => other.SessionId, _ => null };
        Guid? actual = data.GetProperty("sessionId").ValueKind == JsonValueKind.Null ? null : data.GetProperty("sessionId").GetGuid();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task AReconnectingClient_GetsWhatItMissed_InOrder_WithoutDuplicates()
    {
        var (client, _) = await CreateClientAsync();
        var account = await RegisterAsync();
        string lastSeen;
        using (var first = await OpenAsync(client))
        {
            await SendAsync(HttpMethod.Post, "/api/auth/logout-all", (await LoginAsync(account)).AccessToken);
            lastSeen = (await first.NextAsync())!.Id!;
        }

        // Disconnected: two more revocations happen.
        await SendAsync(HttpMethod.Post, "/api/auth/logout-all", (await LoginAsync(account)).AccessToken);
        await SendAsync(HttpMethod.Post, "/api/auth/logout-all", (await LoginAsync(account)).AccessToken);
        using var resumed = await OpenAsync(client, lastSeen);
        var missed = new[] { await resumed.NextAsync(), await resumed.NextAsync() };
        await SendAsync(HttpMethod.Post, "/api/auth/logout", (await LoginAsync(account)).AccessToken);
        var live = await resumed.NextAsync();

        Assert.Equal([3L, 4L], missed.Select(e => DataOf(e).GetProperty("tokenVersion").GetInt64()));
        Assert.Equal(5, DataOf(live).GetProperty("tokenVersion").GetInt64()); // the next one is new, not a repeat
        var ids = missed.Append(live).Select(e => long.Parse(e!.Id!)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.True(ids[0] > long.Parse(lastSeen));
    }

    [Fact]
    public async Task APositionOlderThanTheRetention_StartsWithAReset()
    {
        var (client, _) = await CreateClientAsync();
        var account = await RegisterAsync();
        for (var i = 0; i < 3; i++) await SendAsync(HttpMethod.Post, "/api/auth/logout-all", (await LoginAsync(account)).AccessToken);
        var sequences = await WithDbAsync(db => db.RevocationLog.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync());
        // The first two entries are pruned.
        await WithDbAsync(db => db.RevocationLog.Where(e => e.Sequence < sequences[2]).ExecuteDeleteAsync());

        using var stream = await OpenAsync(client, sequences[0].ToString());

        var reset = await stream.NextAsync();
        Assert.Equal(("reset", "{}"), (reset!.Name, reset.Data));
    }

    [Fact]
    public async Task ADeletedClientsStream_Ends_AndItsNextCallIsRefused()
    {
        var (client, admin) = await CreateClientAsync();
        using var stream = await OpenAsync(client);

        await SendAsync(HttpMethod.Delete, $"/api/admin/clients/{client.Id}", admin.AccessToken);

        Assert.Null(await stream.NextAsync());
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/revocations");
        request.Headers.Authorization = Basic(client.ClientId, client.ClientSecret);
        await AssertInvalidClientAsync(await Client.SendAsync(request));
    }
}
