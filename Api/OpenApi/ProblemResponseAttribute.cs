using Microsoft.AspNetCore.Mvc;
using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.OpenApi;

/// <summary>Documents a problem+json answer with this status.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ProblemResponseAttribute(int statusCode)
    : ProducesResponseTypeAttribute(statusCode == StatusCodes.Status400BadRequest ? typeof(ValidationProblem) : typeof(Problem),
        statusCode, "application/problem+json");
