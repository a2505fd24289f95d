namespace TokenVersioning.Infrastructure.Sessions;

/// <summary>Where a login or refresh came from: the client's address (after the trusted-proxy rule) and its user agent.</summary>
public sealed record ClientDevice(string Address, string? UserAgent)
{
    public static readonly ClientDevice Unknown = new("unknown", null);
}
