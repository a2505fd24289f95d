using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Hosting;

namespace TokenVersioning.Client;

/// <summary>
/// Follows the service's revocation event stream for as long as the application runs: resumes with
/// <c>Last-Event-ID</c>, reconnects with a doubling, jittered delay, and gives up a connection that says nothing
/// for three times <c>MaxStaleness</c> (taken for dead; the confirmation lapsed long before).
/// </summary>
internal sealed class RevocationFollower(TokenVersioningRuntime runtime, HttpClient http, RevocationEvents events, OnceLogger log)
    : BackgroundService
{
    /// <summary>
    /// A stream silent for this many times MaxStaleness is taken for dead (a half-open connection) and reconnected.
    /// Shorter silences keep it: the node behind it may only be unconfirmed for a while (no heartbeats), and cached
    /// verdicts already stopped being trusted after one MaxStaleness.
    /// </summary>
    private const int SilenceLimit = 3;

    private bool _connectedBefore;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var options = runtime.Options;
        var delay = options.ReconnectDelay;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (await FollowAsync(stopping)) delay = options.ReconnectDelay;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or OperationCanceledException)
            {
                log.Warn("stream", e, "The revocation event stream failed; reconnecting. Cached verdicts are trusted until MaxStaleness.");
            }
            finally
            {
                runtime.Connected = false;
            }

            var wait = delay * (0.5 + Random.Shared.NextDouble() / 2);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxReconnectDelay.Ticks));
            try
            {
                await Task.Delay(wait, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One connection, until it ends; true when it delivered anything (the backoff starts over).</summary>
    private async Task<bool> FollowAsync(CancellationToken stopping)
    {
        var options = runtime.Options;
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/events/revocations");
        var credentials = $"{Uri.EscapeDataString(options.ClientId!)}:{Uri.EscapeDataString(options.ClientSecret!)}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (events.LastEventId is { } last) request.Headers.TryAddWithoutValidation("Last-Event-ID", last);

        using var connect = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        connect.CancelAfter(options.RequestTimeout);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, connect.Token);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            throw new HttpRequestException($"The revocation event stream answered {(int)response.StatusCode} {response.Content.Headers.ContentType}.");

        await using var body = await response.Content.ReadAsStreamAsync(stopping);
        var reader = new EventStreamReader(body);
        events.Restart();
        // Back after a cut without a position to resume from: whatever was revoked meanwhile is unknown, so nothing
        // cached is kept.
        if (_connectedBefore && events.LastEventId is null) runtime.Cache.Clear();
        _connectedBefore = true;
        runtime.Connected = true;
        var delivered = false;
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            idle.CancelAfter(options.MaxStaleness * SilenceLimit);
            string? line;
            try
            {
                line = await reader.ReadLineAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                throw new IOException($"The revocation event stream was silent for {SilenceLimit} × MaxStaleness.");
            }

            if (line is null) return delivered; // the service closed it: resume with Last-Event-ID
            events.Line(line);
            if (!delivered)
            {
                delivered = true;
                log.Reset();
            }
        }
    }
}
