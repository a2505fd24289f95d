using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.BearerScheme;

/// <summary>The contract's 401 codes. Descriptions go into a header, so they hold no quote and no token data.</summary>
internal static class TokenFailureText
{
    /// <summary>Every code a bearer-protected route can refuse a token with.</summary>
    public static readonly string[] Codes = [.. Enum.GetValues<TokenFailure>().Where(f => f != TokenFailure.None).Select(Code).Distinct()];

    public static string Code(TokenFailure failure) => failure switch
    {
        TokenFailure.Missing => "token_missing",
        TokenFailure.Expired => "token_expired",
        TokenFailure.Revoked => "token_revoked",
        TokenFailure.UserDisabled => "user_disabled",
        _ => "token_invalid",
    };

    public static string Describe(TokenFailure failure) => failure switch
    {
        TokenFailure.Missing => "No bearer token was sent.",
        TokenFailure.Expired => "The access token has expired.",
        TokenFailure.Revoked => "The access token has been revoked.",
        TokenFailure.UserDisabled => "The account is disabled.",
        _ => "The access token is malformed or its signature does not verify.",
    };
}
