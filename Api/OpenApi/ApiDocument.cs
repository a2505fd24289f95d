using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace TokenVersioning.Api.OpenApi;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>, generated from the controllers, and an interactive reference
/// at <c>/docs</c> whose assets the service serves itself. On when <c>OpenApi:Enabled</c> (default: Development).
/// </summary>
internal static class ApiDocument
{
    public const string BearerScheme = "bearer";
    public const string BasicScheme = "apiClient";

    public static IHostApplicationBuilder AddApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "TokenVersioning",
                    Version = "v1",
                    Description = "Issues JSON Web Tokens and takes them back: per-user token versions, per-device sessions.",
                };
                // Clients call the service at whatever address they reached it by: a relative server.
                document.Servers = [new OpenApiServer { Url = "/", Description = "this service" }];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [BearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                        Description = "An access token from login, refresh or a password change.",
                    },
                    [BasicScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http, Scheme = "basic",
                        Description = "An API client's id and secret (introspection, revocation, events).",
                    },
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<SecurityRequirements>();
            options.AddOperationTransformer<OperationNames>();
            options.AddSchemaTransformer<ValidationLimits>();
            options.AddOperationTransformer<QueryParameters>();
            options.AddOperationTransformer<OAuthFormBodies>();
        });
        return builder;
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        if (!(app.Configuration.GetValue<bool?>("OpenApi:Enabled") ?? app.Environment.IsDevelopment())) return app;
        // The one document by its fixed path: a {documentName} route answered unknown names with a plain-text 404.
        app.MapOpenApi("/openapi/v1.json");
        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("TokenVersioning");
            // Offline: the service's own assets only, no CDN fonts, no telemetry, and none of the buttons that need
            // Scalar's cloud (AI agent, MCP, developer tools, the .NET deploy and SDK generation prompts).
            options.DefaultFonts = false;
            options.Telemetry = false;
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.DotNetFlag = false;
            options.HideClientButton = true;
            options.Agent = new ScalarAgentOptions { Disabled = true };
            options.Mcp = new ScalarMcpOptions { Disabled = true };
        });
        return app;
    }
}
