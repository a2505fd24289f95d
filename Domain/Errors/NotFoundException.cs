namespace TokenVersioning.Domain.Errors;

public sealed class NotFoundException(string code, string message) : DomainException(code, message)
{
    /// <summary>The one answer for a user id that names no user (never existed, or deleted).</summary>
    public static NotFoundException UserNotFound() => new("user_not_found", "No user has this id: it never existed or was deleted.");

    /// <summary>The one answer for a session to end that is not one of the caller's active sessions.</summary>
    public static NotFoundException SessionNotFound() => new("session_not_found", "You have no active session with this id.");
}
