using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TokenVersioning.Api.OpenApi;

/// <summary>
/// Gives every operation an id from its controller and action, and marks anonymous operations as needing no
/// security, so that the document passes a strict linter. Summaries and descriptions are the actions' own
/// (<c>[EndpointSummary]</c>, <c>[EndpointDescription]</c>).
/// </summary>
internal sealed class OperationNames : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor is not ControllerActionDescriptor action) return Task.CompletedTask;
        var verb = context.Description.HttpMethod ?? "";
        operation.OperationId ??= $"{action.ControllerName}_{action.ActionName}" + (verb == "HEAD" ? "_Head" : "");
        if (operation.Security is null && !action.EndpointMetadata.OfType<IAuthorizeData>().Any()) operation.Security = [];
        return Task.CompletedTask;
    }
}
