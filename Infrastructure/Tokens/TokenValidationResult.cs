using System.Diagnostics.CodeAnalysis;

namespace TokenVersioning.Infrastructure.Tokens;

public readonly record struct TokenValidationResult(TokenFailure Failure, AccessTokenClaims? Token)
{
    [MemberNotNullWhen(true, nameof(Token))]
    public bool Succeeded => Failure == TokenFailure.None;

    public static TokenValidationResult Fail(TokenFailure failure) => new(failure, null);
}
