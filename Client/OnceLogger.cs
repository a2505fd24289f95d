using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TokenVersioning.Client;

/// <summary>Logs each kind of trouble once as a warning (then at debug level), so a failing peer does not flood the log.</summary>
internal sealed class OnceLogger(ILogger logger)
{
    private readonly ConcurrentDictionary<string, bool> _said = new(StringComparer.Ordinal);

    public void Warn(string kind, Exception? exception, string message)
    {
        if (_said.TryAdd(kind, true)) logger.LogWarning(exception, "{Message}", message);
        else logger.LogDebug(exception, "{Message}", message);
    }

    /// <summary>After a recovery, the next trouble of any kind is worth a warning again.</summary>
    public void Reset() => _said.Clear();
}
