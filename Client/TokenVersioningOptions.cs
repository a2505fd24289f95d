using Microsoft.AspNetCore.Authentication;

namespace TokenVersioning.Client;

/// <summary>How a resource server reaches TokenVersioning and how long it may trust what it learned.</summary>
public sealed class TokenVersioningOptions : AuthenticationSchemeOptions
{
    /// <summary>The service's URL (its issuer), e.g. <c>https://auth.example.com</c>.</summary>
    public Uri? Authority { get; set; }

    /// <summary>The API client's id (from <c>POST /api/admin/clients</c>), for the revocation event stream.</summary>
    public string? ClientId { get; set; }

    /// <summary>The API client's secret.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Cached verdicts are trusted only while the event stream delivered an event or a heartbeat less than this ago;
    /// past it every token is asked about again. Must exceed the service's <c>Events:HeartbeatInterval</c> (15 s).
    /// </summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most verdicts held; past it the least recently used go first.</summary>
    public int CacheSize { get; set; } = 100_000;

    /// <summary>Longest a check of a new token may take (waiting for a free slot included) before the request gets 503.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most checks in flight to the service at once.</summary>
    public int MaxConcurrentChecks { get; set; } = 64;

    /// <summary>First wait before reconnecting the event stream; it doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between two reconnection attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);
}
