namespace TokenVersioning.Domain.Errors;

/// <summary>The caller is known but may not do this (e.g. a disabled account).</summary>
public sealed class ForbiddenException(string code, string message) : DomainException(code, message);
