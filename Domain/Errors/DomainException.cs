namespace TokenVersioning.Domain.Errors;

/// <summary>
/// A failure the caller can act on. <see cref="Code"/> is the stable machine-readable code of the HTTP contract;
/// the message is safe to show and never holds a secret.
/// </summary>
public abstract class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

public sealed class NotFoundException(string code, string message) : DomainException(code, message)
{
    /// <summary>The one answer for a user id that names no user (never existed, or deleted).</summary>
    public static NotFoundException UserNotFound() => new("user_not_found", "No user has this id: it never existed or was deleted.");

    /// <summary>The one answer for a session to end that is not one of the caller's active sessions.</summary>
    public static NotFoundException SessionNotFound() => new("session_not_found", "You have no active session with this id.");
}

public sealed class ConflictException(string code, string message) : DomainException(code, message);

/// <summary>The caller could not be authenticated (bad credentials, bad refresh token).</summary>
public sealed class AuthenticationFailedException(string code, string message) : DomainException(code, message);

/// <summary>The caller is known but may not do this (e.g. a disabled account).</summary>
public sealed class ForbiddenException(string code, string message) : DomainException(code, message);

/// <summary>The request was well-formed but breaks a rule (e.g. the current password is wrong).</summary>
public sealed class RuleViolationException(string code, string message) : DomainException(code, message);

public sealed class TooManyAttemptsException(TimeSpan retryAfter)
    : DomainException("too_many_attempts", "Too many attempts. Try again later.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
