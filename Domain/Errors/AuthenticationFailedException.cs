namespace TokenVersioning.Domain.Errors;

/// <summary>The caller could not be authenticated (bad credentials, bad refresh token).</summary>
public sealed class AuthenticationFailedException(string code, string message) : DomainException(code, message)
{
    /// <summary>For a refresh token of a session that ended: the event that ended it (<c>password_changed</c>, <c>logout_all</c>, ...).</summary>
    public string? EndedBy { get; init; }
}
