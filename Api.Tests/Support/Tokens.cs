namespace TokenVersioning.Api.Tests.Support;

public sealed record Tokens(string AccessToken, string TokenType, long ExpiresIn, string RefreshToken, long RefreshTokenExpiresIn, Guid SessionId);
