using System.Globalization;
using System.Text.Json;

namespace TokenVersioning.Client;

/// <summary>
/// What the revocation stream's lines mean for the cache (the service's format: <c>id</c>, optional
/// <c>event: reset</c>, <c>data</c> as JSON; comment lines are heartbeats). Each event and each heartbeat confirms;
/// an event that cannot be read drops every verdict, since it may have revoked anyone.
/// </summary>
internal sealed class RevocationEvents(VerdictCache cache, StreamConfirmation confirmation, OnceLogger log)
{
    private string? _id;
    private string? _event;
    private string? _data;

    /// <summary>The last event's id, for <c>Last-Event-ID</c> on reconnection.</summary>
    public string? LastEventId { get; private set; }

    public void Line(string line)
    {
        if (line.Length == 0)
        {
            Dispatch();
            return;
        }

        if (line[0] == ':')
        {
            confirmation.Confirm(); // a heartbeat: the serving node is confirmed and has nothing to tell
            return;
        }

        var colon = line.IndexOf(':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
        switch (field)
        {
            case "id":
                _id = value;
                break;
            case "event":
                _event = value;
                break;
            case "data":
                _data = _data is null ? value : _data + "\n" + value;
                break;
        }
    }

    /// <summary>A new connection: a half-received event is forgotten.</summary>
    public void Restart() => (_id, _event, _data) = (null, null, null);

    private void Dispatch()
    {
        var (id, kind, data) = (_id, _event, _data);
        Restart();
        if (data is null && kind is null)
        {
            // An id alone: the stream's position, to resume from after a cut.
            if (id is not null && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _)) LastEventId = id;
            return;
        }
        if (kind == "reset")
        {
            cache.Clear();
        }
        else if (TryRead(data, out var userId, out var version))
        {
            cache.Revoke(userId, version);
        }
        else
        {
            log.Warn("event", null, "A revocation event could not be read; every cached verdict was dropped.");
            cache.Clear();
        }

        if (id is not null && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _)) LastEventId = id;
        confirmation.Confirm();
    }

    private static bool TryRead(string? data, out Guid userId, out long version)
    {
        (userId, version) = (default, default);
        if (data is null || data.Length > EventStreamReader.MaxLine) return false;
        try
        {
            using var json = JsonDocument.Parse(data, new JsonDocumentOptions { MaxDepth = 4 });
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object
                   && root.TryGetProperty("userId", out var user) && user.ValueKind == JsonValueKind.String && user.TryGetGuid(out userId)
                   && root.TryGetProperty("tokenVersion", out var ver) && ver.ValueKind == JsonValueKind.Number && ver.TryGetInt64(out version);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
