using Microsoft.AspNetCore.Mvc;

namespace TokenVersioning.Api.OpenApi;

/// <summary>Documents a problem+json answer with this status.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
internal sealed class ProblemResponseAttribute(int statusCode)
    : ProducesResponseTypeAttribute(statusCode == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails),
        statusCode, "application/problem+json");
