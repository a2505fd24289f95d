using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Sessions;
using TokenVersioning.Infrastructure.Tokens;
using Microsoft.OpenApi;

namespace TokenVersioning.Api.OpenApi;

/// <summary>
/// The OAuth endpoints read their form themselves (RFC 7662, RFC 7009), so the document would declare no body: this
/// declares the <c>application/x-www-form-urlencoded</c> body a typed client must send.
/// </summary>
internal sealed class OAuthFormBodies : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.RelativePath is not ("api/oauth/introspect" or "api/oauth/revoke")) return Task.CompletedTask;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The token, and the client's credentials when it uses client_secret_post instead of HTTP Basic.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/x-www-form-urlencoded"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "token" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["token"] = Text("The access token or refresh token.", TokenText.MaxLength(context.ApplicationServices.GetRequiredService<IOptions<TokenOptions>>().Value)),
                            ["token_type_hint"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.String, Description = "Only a hint: a token of the other type is still found.",
                                Enum = [System.Text.Json.Nodes.JsonValue.Create("access_token"), System.Text.Json.Nodes.JsonValue.Create("refresh_token")],
                            },
                            ["client_id"] = Text("client_secret_post: the API client's id (with client_secret; not with HTTP Basic).", 256),
                            ["client_secret"] = Text("client_secret_post: the API client's secret.", 256),
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Text(string description, int maxLength) =>
        new() { Type = JsonSchemaType.String, Description = description, MinLength = 1, MaxLength = maxLength };
}
