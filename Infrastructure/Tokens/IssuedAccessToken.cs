namespace TokenVersioning.Infrastructure.Tokens;

public sealed record IssuedAccessToken(string Token, TimeSpan Lifetime);
