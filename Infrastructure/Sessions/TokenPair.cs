using System.Text.Json.Serialization;

namespace TokenVersioning.Infrastructure.Sessions;

/// <summary>
/// The token response of the HTTP contract. For a session in the browser token mode (<see cref="CookieDelivery"/>)
/// the API layer moves <see cref="RefreshToken"/> into an HttpOnly cookie and leaves it out of the body.
/// </summary>
public sealed record TokenPair(
    string AccessToken,
    string TokenType,
    long ExpiresIn,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken,
    long RefreshTokenExpiresIn,
    Guid SessionId,
    [property: JsonIgnore] bool CookieDelivery = false)
{
    public override string ToString() => $"TokenPair {{ SessionId = {SessionId}, ExpiresIn = {ExpiresIn} }}";
}
