namespace TokenVersioning.Domain.Errors;

/// <summary>The caller could not be authenticated (bad credentials, bad refresh token).</summary>
public sealed class AuthenticationFailedException(string code, string message) : DomainException(code, message);
