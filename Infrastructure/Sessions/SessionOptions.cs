namespace TokenVersioning.Infrastructure.Sessions;

/// <summary>Section <c>Sessions</c>.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>Most active sessions per user; a login beyond it ends the least recently used. None: no cap.</summary>
    public int? MaxPerUser { get; set; }
}
