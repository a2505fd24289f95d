namespace TokenVersioning.Api.Tests.Support;

/// <summary>An open server-sent event stream, read one event at a time.</summary>
public sealed class EventStream(HttpResponseMessage response, StreamReader reader, TimeSpan bound) : IDisposable
{
    public HttpResponseMessage Response => response;

    /// <summary>The next event (comments skipped), or null when the server ended the stream; fails past the bound.</summary>
    public async Task<ServerEvent?> NextAsync()
    {
        string? id = null, name = null, data = null;
        using var timeout = new CancellationTokenSource(bound);
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (data is not null) return new ServerEvent(id, name, data);
                continue;
            }

            if (line.StartsWith(':')) continue;
            var (field, value) = line.IndexOf(':') is var colon and > 0 ? (line[..colon], line[(colon + 1)..].TrimStart()) : (line, "");
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data = value; break;
            }
        }

        return null;
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
