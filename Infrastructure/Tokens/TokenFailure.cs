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
    /// <summary>A check's result as the validation metric counts it: <c>ok</c>, or the refusal's code.</summary>
    public static string Result(this TokenFailure failure) => failure == TokenFailure.None ? "ok" : failure.Code();

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
