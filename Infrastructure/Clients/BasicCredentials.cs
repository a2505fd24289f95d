using System.Text;

namespace TokenVersioning.Infrastructure.Clients;

/// <summary>
/// HTTP Basic client credentials (RFC 7617), each half form-urlencoded first as RFC 6749 §2.3.1 asks. Total: any
/// header value gives credentials or null, never an exception.
/// </summary>
public readonly record struct BasicCredentials(string ClientId, string Secret)
{
    private const string Scheme = "Basic ";
    private const int MaxLength = 1024;

    public override string ToString() => $"BasicCredentials {{ ClientId = {ClientId}, Secret = *** }}";

    public static BasicCredentials? Parse(string? authorization)
    {
        if (authorization is null || authorization.Length > MaxLength ||
            !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        var encoded = authorization.AsSpan(Scheme.Length).Trim(' ');
        Span<byte> bytes = stackalloc byte[MaxLength];
        if (System.Buffers.Text.Base64.DecodeFromUtf8(Encoding.ASCII.GetBytes(encoded.ToString()), bytes, out var consumed, out var written) !=
            System.Buffers.OperationStatus.Done || consumed != encoded.Length)
            return null;
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes[..written]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return null;
        var id = FormDecode(text[..colon]);
        var secret = FormDecode(text[(colon + 1)..]);
        return id is { Length: > 0 } && secret is { Length: > 0 } ? new BasicCredentials(id, secret) : null;
    }

    /// <summary>application/x-www-form-urlencoded decoding; null when the escapes are malformed.</summary>
    private static string? FormDecode(string value)
    {
        if (!value.Contains('%') && !value.Contains('+')) return value;
        for (var i = value.IndexOf('%'); i >= 0; i = value.IndexOf('%', i + 1))
        {
            if (i + 2 >= value.Length || !Uri.IsHexDigit(value[i + 1]) || !Uri.IsHexDigit(value[i + 2])) return null;
        }

        return Uri.UnescapeDataString(value.Replace('+', ' '));
    }
}
