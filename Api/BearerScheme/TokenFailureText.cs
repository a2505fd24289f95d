using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.BearerScheme;

/// <summary>The contract's 401 codes (<see cref="TokenFailureCodes"/>) and their descriptions. Descriptions go into a header, so they hold no quote and no token data.</summary>
internal static class TokenFailureText
{
    /// <summary>Every code a bearer-protected route can refuse a token with.</summary>
    public static readonly string[] Codes = [.. Enum.GetValues<TokenFailure>().Where(f => f != TokenFailure.None).Select(f => f.Code()).Distinct()];

    public static string Describe(TokenFailure failure) => failure switch
    {
        TokenFailure.Missing => "No bearer token was sent.",
        TokenFailure.Expired => "The access token has expired.",
        TokenFailure.Revoked => "The access token has been revoked.",
        TokenFailure.UserDisabled => "The account is disabled.",
        _ => "The access token is malformed or its signature does not verify.",
    };
}
