using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Infrastructure.Sessions;

/// <summary>
/// The longest text a request field that takes a token accepts: the longest token this service can accept, an
/// access token of <c>Tokens:MaxTokenLength</c> (at least 256 characters by its validation, so a refresh token,
/// <see cref="RefreshTokenValue.TextLength"/> characters, always fits). Longer text is malformed input (400);
/// shorter text that is no valid token gets that endpoint's own refusal.
/// </summary>
public static class TokenText
{
    public static int MaxLength(TokenOptions options) => Math.Max(options.MaxTokenLength, RefreshTokenValue.TextLength);
}
