namespace TokenVersioning.Infrastructure.Sessions;

/// <summary>The token response of the HTTP contract.</summary>
public sealed record TokenPair(
    string AccessToken,
    string TokenType,
    long ExpiresIn,
    string RefreshToken,
    long RefreshTokenExpiresIn,
    Guid SessionId)
{
    public override string ToString() => $"TokenPair {{ SessionId = {SessionId}, ExpiresIn = {ExpiresIn} }}";
}
