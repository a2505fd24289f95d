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
                document.Tags = Tags();
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
            options.AddDocumentTransformer<FieldDescriptions>();
            options.AddOperationTransformer<SecurityRequirements>();
            options.AddOperationTransformer<OperationNames>();
            options.AddSchemaTransformer<ValidationLimits>();
            options.AddOperationTransformer<QueryParameters>();
            options.AddOperationTransformer<OAuthFormBodies>();
            options.AddOperationTransformer<ProblemCodes>();
            options.AddOperationTransformer((operation, _, _) =>
            {
                // Answers are written as application/json: the formatters' other media types only confuse generators.
                foreach (var response in operation.Responses?.Values.OfType<OpenApiResponse>() ?? [])
                {
                    if (response.Content?.ContainsKey("application/json") != true) continue;
                    response.Content.Remove("text/plain");
                    response.Content.Remove("text/json");
                }

                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>The tags in the order a reader meets them, each with what its operations are for.</summary>
    private static SortedSet<OpenApiTag> Tags()
    {
        (string Name, string Description)[] tags =
        [
            ("Auth", "Register, log in on a device, refresh a session's tokens, log out this device or every device."),
            ("Users", "The signed-in user's profile and password; a password change ends every other session."),
            ("Sessions", "The signed-in user's devices: list them and end any one of them."),
            ("Admin", "For administrators: find users, see their sessions, revoke, disable, enable, delete, unlock, read the audit log."),
            ("Clients", "For administrators: the credentials other services use for introspection, revocation and the event stream."),
            ("OAuth", "The standard endpoints for other services: discovery (RFC 8414), introspection (RFC 7662), revocation (RFC 7009)."),
            ("Events", "The revocation event stream (Server-Sent Events), resumable with Last-Event-ID."),
            ("Verify", "The gateway check a reverse proxy calls for each request (nginx auth_request)."),
        ];
        var order = tags.Select((t, i) => (t.Name, i)).ToDictionary(t => t.Name, t => t.i);
        var set = new SortedSet<OpenApiTag>(Comparer<OpenApiTag>.Create((a, b) => order[a.Name!].CompareTo(order[b.Name!])));
        foreach (var (name, description) in tags) set.Add(new OpenApiTag { Name = name, Description = description });
        return set;
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
