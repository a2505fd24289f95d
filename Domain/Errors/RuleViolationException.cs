namespace TokenVersioning.Domain.Errors;

/// <summary>The request was well-formed but breaks a rule (e.g. the current password is wrong).</summary>
public sealed class RuleViolationException(string code, string message) : DomainException(code, message);
