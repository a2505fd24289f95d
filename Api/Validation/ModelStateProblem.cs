using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace TokenVersioning.Api.Validation;

/// <summary>
/// The 400 for input that model binding could not read (a number that is not one, malformed JSON): the same
/// ValidationProblemDetails as a validator's, with query parameters keyed by their name as sent.
/// </summary>
internal static class ModelStateProblem
{
    public static IActionResult Create(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var errors = new ModelStateDictionary();
        foreach (var (key, entry) in context.ModelState)
        {
            foreach (var error in entry.Errors)
            {
                var message = string.IsNullOrEmpty(error.ErrorMessage) ? "The value is not valid." : error.ErrorMessage;
                errors.AddModelError(KeyFor(request, key), message);
            }
        }

        var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateValidationProblemDetails(context.HttpContext, errors, StatusCodes.Status400BadRequest);
        return new ObjectResult(problem) { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
    }

    // "$.email" names a place in the JSON body and stays; "query.PageSize" or "PageSize" is a bound property.
    private static string KeyFor(HttpRequest request, string key) =>
        key.StartsWith('$') || key.Length == 0 ? key : ValidationExtensions.FieldKey(request, key[(key.LastIndexOf('.') + 1)..]);
}
