namespace TokenVersioning.Domain.Errors;

/// <summary>
/// A failure the caller can act on. <see cref="Code"/> is the stable machine-readable code of the HTTP contract;
/// the message is safe to show and never holds a secret.
/// </summary>
public abstract class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
