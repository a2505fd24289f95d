using Microsoft.AspNetCore.Mvc.Filters;

namespace TokenVersioning.Api.Problems;

/// <summary>
/// <c>Cache-Control: no-store</c> and <c>Pragma: no-cache</c> on an answer that carries a token or a secret
/// (RFC 6749 §5.1). Set before the action runs, so an answer written early (a client-authentication failure) has it too.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NoStoreAttribute : ActionFilterAttribute
{
    public override void OnActionExecuting(ActionExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
    }
}
