using System.Text;

namespace TokenVersioning.Domain.Sessions;

/// <summary>
/// What a person recognises a device by: "Firefox on Linux", "Safari on iPhone", "curl". Derived from the
/// <c>User-Agent</c>, which the client chooses: anything may come in, so nothing here throws, and what is kept is
/// printable text of bounded length.
/// </summary>
public static class DeviceDescription
{
    public const int MaxLength = 100;

    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", iOS also says "Mac OS X".
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"), ("HeadlessChrome/", "Headless Chrome"),
        ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("CrOS", "ChromeOS"), ("Windows", "Windows"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    private static readonly string[] Programs = ["curl", "Wget", "okhttp", "python-requests", "node-fetch", "undici", "PostmanRuntime", "Go-http-client"];

    /// <summary>The user agent as stored: printable characters only (no control character, no lone surrogate), at most <see cref="Session.UserAgentMaxLength"/>.</summary>
    public static string? Clean(string? userAgent, int maxLength = Session.UserAgentMaxLength)
    {
        if (string.IsNullOrWhiteSpace(userAgent)) return null;
        var kept = new StringBuilder(Math.Min(userAgent.Length, maxLength));
        for (var i = 0; i < userAgent.Length && kept.Length < maxLength; i++)
        {
            var c = userAgent[i];
            if (char.IsHighSurrogate(c) && i + 1 < userAgent.Length && char.IsLowSurrogate(userAgent[i + 1]))
            {
                if (kept.Length + 2 > maxLength) break;
                kept.Append(c).Append(userAgent[++i]);
            }
            else if (!char.IsControl(c) && !char.IsSurrogate(c))
            {
                kept.Append(c);
            }
        }

        var text = kept.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>"Browser on system", the browser or system alone, a known program's name, or null.</summary>
    public static string? Describe(string? userAgent)
    {
        var agent = Clean(userAgent);
        if (agent is null) return null;
        var browser = Browsers.FirstOrDefault(b => agent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => agent.Contains(s.Token, StringComparison.Ordinal)).Name;
        if (browser is not null && system is not null) return $"{browser} on {system}";
        if ((browser ?? system) is { } one) return one;
        var program = Programs.FirstOrDefault(p => agent.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        if (program is not null) return program;
        // Something else: its first product token ("MyApp/2.1 (...)" -> "MyApp"), cleaned and short.
        var product = agent.Split([' ', '/', '(', ';'], 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return product is null ? null : Clean(product, 40);
    }
}
