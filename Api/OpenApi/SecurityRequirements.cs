using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TokenVersioning.Api.OpenApi;

/// <summary>Marks each operation with the scheme it needs: a bearer token ([Authorize]) or API-client Basic.</summary>
internal sealed class SecurityRequirements : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var path = context.Description.RelativePath ?? "";
        var scheme = metadata.OfType<IAuthorizeData>().Any() ? ApiDocument.BearerScheme
            : path.StartsWith("api/oauth", StringComparison.Ordinal) || path.StartsWith("api/events", StringComparison.Ordinal) ? ApiDocument.BasicScheme
            : null;
        if (scheme is null) return Task.CompletedTask;
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [],
        });
        return Task.CompletedTask;
    }
}
