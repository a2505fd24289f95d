using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TokenVersioning.Api.Clients;
using TokenVersioning.Api.OpenApi;
using TokenVersioning.Api.Deadlines;
using TokenVersioning.Api.Problems;
using TokenVersioning.Domain.Revocation;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Clients;
using TokenVersioning.Infrastructure.Persistence;
using TokenVersioning.Infrastructure.Revocation;

namespace TokenVersioning.Api.Events;

/// <summary>
/// Server-Sent Events, one per revocation log entry (<c>id</c> = its sequence), for API clients. A client that
/// reconnects with <c>Last-Event-ID</c> gets every retained entry after it, in order, without duplicates; one whose
/// position is older than the retention first gets <c>event: reset</c>. Entries come from the log, so every node
/// streams the same events whichever node revoked.
/// </summary>
[Route("api/events/revocations")]
[Tags("Events")]
[ApiExplorerSettings(IgnoreApi = false)]
public sealed class RevocationEventsController(
    ApiClientService clients, ClientStreams streams, RevocationFeed feed, AppDbContext db,
    NodeRevocations revocations, IOptions<EventsOptions> events)
    : ControllerBase
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [HttpGet]
    [EndpointSummary("Follow revocations (Server-Sent Events)")]
    [EndpointDescription("For API clients: one event per revocation (`id` = its sequence; data: userId, tokenVersion, sessionId, event, at), as soon as any node commits it. Reconnect with Last-Event-ID to get every retained event after it; a position older than the retention gets `event: reset` first. The stream opens with the current position (`id:` alone) when there is no backlog, and a `: keep-alive` comment comes at once and every Events:HeartbeatInterval while this node is confirmed.")]
    [LongRunning]
    [ProducesResponseType(typeof(string), StatusCodes.Status200OK, "text/event-stream")]
    [ProducesResponseType<OAuthError>(StatusCodes.Status401Unauthorized)]
    [ProblemResponse(StatusCodes.Status503ServiceUnavailable)]
    public async Task Stream()
    {
        if (await ClientAuthentication.AuthenticateAsync(HttpContext, clients) is not { } client) return;
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted, streams.Register(client.Id));
        var ct = closed.Token;
        Response.ContentType = "text/event-stream";
        Response.Headers.CacheControl = "no-cache";
        Response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass each event on at once

        // Follow first, then read the backlog: an entry committed in between arrives by both ways and is sent once.
        // The feed hands each entry over once, so only the backlog's sequences need remembering.
        using var follower = feed.Follow();
        var position = await StartAsync(ct);
        var backlog = await BacklogAsync(position, ct);
        var sentFromBacklog = backlog.Select(e => e.Sequence).ToHashSet();
        foreach (var entry in backlog) await WriteAsync(entry, ct);

        // With nothing to send, the position alone (an id without data, which EventSource records and does not
        // dispatch), so that even a follower that never saw an event can resume from here after a cut.
        if (backlog.Count == 0 && position > 0)
            await Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"id: {position}\n\n"), ct);
        // A confirmed node vouches at once that the follower is up to date, without waiting a heartbeat interval.
        if (revocations.IsConfirmed) await Response.WriteAsync(": keep-alive\n\n", ct);
        await Response.Body.FlushAsync(ct);
        try
        {
            while (true)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                beat.CancelAfter(events.Value.HeartbeatInterval);
                try
                {
                    while (await follower.Entries.WaitToReadAsync(beat.Token))
                    {
                        while (follower.Entries.TryRead(out var entry))
                        {
                            if (!sentFromBacklog.Contains(entry.Sequence)) await WriteAsync(entry, ct);
                        }

                        await Response.Body.FlushAsync(ct);
                    }

                    return; // the feed cut this follower off: the client resumes with Last-Event-ID
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Idle for a while: a comment keeps proxies from closing the stream, and a deleted client's
                    // stream on another node ends here.
                    // Only a confirmed node vouches that nothing happened: one that cannot read the log stays silent
                    // (and keeps the stream, so heartbeats resume when it can again).
                    if (!revocations.IsConfirmed) continue;
                    bool exists;
                    try
                    {
                        exists = await clients.ExistsAsync(client.Id, ct);
                    }
                    catch (Exception e) when (DatabaseUnavailableException.Describes(e))
                    {
                        continue; // cannot tell whether the client still exists: no heartbeat this time
                    }

                    if (!exists) return;
                    await Response.WriteAsync(": keep-alive\n\n", ct);
                    await Response.Body.FlushAsync(ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the client went away, or was deleted
        }
    }

    /// <summary>Where the stream starts: after Last-Event-ID, or (with a reset first) after everything when it is too old.</summary>
    private async Task<long> StartAsync(CancellationToken ct)
    {
        var newest = await db.RevocationLog.MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        if (!long.TryParse(Request.Headers["Last-Event-ID"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            return newest; // a new follower starts from now
        var oldest = await db.RevocationLog.MinAsync(e => (long?)e.Sequence, ct);
        if (last < (oldest ?? newest + 1) - 1 || last > newest)
        {
            // Entries after this position were pruned (or it is not a position of this log): start over.
            await Response.WriteAsync("event: reset\ndata: {}\n\n", ct);
            return newest;
        }

        return last;
    }

    private Task<List<RevocationLogEntry>> BacklogAsync(long after, CancellationToken ct) =>
        db.RevocationLog.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).ToListAsync(ct);

    private Task WriteAsync(RevocationLogEntry entry, CancellationToken ct)
    {
        var data = JsonSerializer.Serialize(new
        {
            entry.UserId, entry.TokenVersion, entry.SessionId, entry.Event, entry.At,
        }, Json);
        return Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"id: {entry.Sequence}\ndata: {data}\n\n"), ct);
    }
}
