namespace TokenVersioning.Domain.Errors;

public sealed class TooManyAttemptsException(TimeSpan retryAfter)
    : DomainException("too_many_attempts", "Too many attempts. Try again later.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
