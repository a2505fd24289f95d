namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>Why a bearer token was refused; each maps to one stable 401 <c>code</c>.</summary>
public enum TokenFailure
{
    None,
    Missing,
    Invalid,
    Expired,
    Revoked,
    UserDisabled,
}

public static class TokenFailureCodes
{
    /// <summary>The contract's 401 <c>code</c> of a refusal: what the problem answers and what the metrics count.</summary>
    public static string Code(this TokenFailure failure) => failure switch
    {
        TokenFailure.Missing => "token_missing",
        TokenFailure.Expired => "token_expired",
        TokenFailure.Revoked => "token_revoked",
        TokenFailure.UserDisabled => "user_disabled",
        _ => "token_invalid",
    };
}
