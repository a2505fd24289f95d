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
