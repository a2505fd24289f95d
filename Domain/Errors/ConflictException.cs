namespace TokenVersioning.Domain.Errors;

public sealed class ConflictException(string code, string message) : DomainException(code, message);
