using Microsoft.AspNetCore.Mvc;
using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.OpenApi;

/// <summary>
/// Documents a problem+json answer with this status and the contract codes the action itself can give with it.
/// Codes every operation of a kind shares (the bearer scheme's 401s, <c>body_too_large</c>, <c>service_unavailable</c>)
/// are added by <see cref="ProblemCodes"/>; these are the action's own.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ProblemResponseAttribute(int statusCode, params string[] codes)
    : ProducesResponseTypeAttribute(statusCode == StatusCodes.Status400BadRequest ? typeof(ValidationProblem) : typeof(Problem),
        statusCode, "application/problem+json")
{
    public IReadOnlyList<string> Codes { get; } = codes;
}
