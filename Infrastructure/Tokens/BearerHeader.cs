namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>The token of an HTTP <c>Authorization</c> header (RFC 6750 §2.1), for the bearer scheme's handler.</summary>
public static class BearerHeader
{
    private const string Scheme = "Bearer ";

    /// <summary>
    /// The text after <c>Bearer </c> (scheme matched case-insensitively), spaces around it excluded; empty when
    /// there is no header, another scheme, or nothing after it. A view of the header, not a copy.
    /// </summary>
    public static ReadOnlyMemory<char> TokenOf(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return ReadOnlyMemory<char>.Empty;
        return authorization.AsMemory(Scheme.Length).Trim(' ');
    }
}
