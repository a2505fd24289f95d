using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TokenVersioning.Api.Validation;

/// <summary>
/// A query parameter the route does not know is a validation problem keyed by it, not silently ignored: a client
/// that filters by a misspelt or unsupported parameter learns so instead of reading an unfiltered answer.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class KnownQueryParametersAttribute(params string[] names) : ActionFilterAttribute
{
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        var unknown = context.HttpContext.Request.Query.Keys.Where(k => !names.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count == 0) return;
        var errors = new ModelStateDictionary();
        foreach (var key in unknown)
            errors.AddModelError(key, $"'{key}' is not a parameter of this route; it knows {string.Join(", ", names)}.");
        context.Result = ((ControllerBase)context.Controller).ValidationProblem(errors);
    }
}
