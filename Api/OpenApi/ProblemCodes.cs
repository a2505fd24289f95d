using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using TokenVersioning.Api.BearerScheme;
using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.OpenApi;

/// <summary>
/// Declares every error an operation can answer, with its contract codes as an enum on the answer's <c>code</c>
/// (or, for the OAuth error shape, on <c>error</c>), so that a typed client can switch on them. An operation's own
/// codes come from its <see cref="ProblemResponseAttribute"/>s; the ones every operation of a kind shares are added
/// here from the same rules the pipeline applies: the body checks on every request, the bearer scheme's refusals,
/// the role check, the rate limiter, the database deadline.
/// </summary>
internal sealed class ProblemCodes : IOpenApiOperationTransformer
{
    public const string ValidationFailed = "validation_failed";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var codes = For(context.Description.ActionDescriptor.EndpointMetadata);
        operation.Responses ??= [];
        foreach (var (status, statusCodes) in codes)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(key, out var existing) || existing is not OpenApiResponse response)
                operation.Responses[key] = response = new OpenApiResponse { Description = ReasonPhrases.GetReasonPhrase(status) };
            var oauth = response.Content?.TryGetValue("application/json", out var media) == true && IsOAuthError(media.Schema);
            response.Content = oauth
                ? new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = OAuthErrorSchema(statusCodes, context.Document) } }
                : new Dictionary<string, OpenApiMediaType> { [AnyAcceptProblemWriter.ContentType] = new() { Schema = ProblemSchema(statusCodes, context.Document) } };
            response.Description = $"{ReasonPhrases.GetReasonPhrase(status)}: {string.Join(", ", statusCodes.Select(c => $"`{c}`"))}.";
        }

        operation.Description = Sentence(operation.Description) + " Errors: " +
            string.Join("; ", codes.Select(c => $"{c.Key} {string.Join(", ", c.Value.Select(v => $"`{v}`"))}")) + ".";
        return Task.CompletedTask;
    }

    /// <summary>The codes by status that an endpoint with this metadata can answer.</summary>
    public static SortedDictionary<int, SortedSet<string>> For(IList<object> metadata)
    {
        var codes = new SortedDictionary<int, SortedSet<string>>();
        void Add(int status, params IEnumerable<string> some)
        {
            if (!codes.TryGetValue(status, out var set)) codes[status] = set = new SortedSet<string>(StringComparer.Ordinal);
            set.UnionWith(some);
        }

        var oauth = metadata.OfType<OAuthEndpointAttribute>().Any();
        foreach (var declared in metadata.OfType<ProblemResponseAttribute>())
        {
            Add(declared.StatusCode, declared.Codes);
            if (declared.StatusCode == StatusCodes.Status400BadRequest) Add(declared.StatusCode, ValidationFailed);
            if (declared.StatusCode == StatusCodes.Status503ServiceUnavailable) Add(declared.StatusCode, "service_unavailable");
        }

        // RFC 6749 §5.2's shape: every malformed request is invalid_request, every failed client invalid_client.
        foreach (var declared in metadata.OfType<ProducesResponseTypeAttribute>().Where(p => p.Type == typeof(OAuthError)))
            Add(declared.StatusCode, declared.StatusCode == StatusCodes.Status400BadRequest ? OAuthError.InvalidRequest : OAuthError.InvalidClient);

        if (!oauth)
        {
            // RequestBodyLimitMiddleware and ContentTypeGuardMiddleware run before routing decides anything else.
            Add(StatusCodes.Status400BadRequest, BodyTooLargeException.Code);
            Add(StatusCodes.Status415UnsupportedMediaType, ContentTypeGuardMiddleware.Code);
        }

        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count > 0) Add(StatusCodes.Status401Unauthorized, TokenFailureText.Codes);
        if (authorize.Any(a => !string.IsNullOrEmpty(a.Roles))) Add(StatusCodes.Status403Forbidden, ProblemWriter.ForbiddenCode);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any()) Add(StatusCodes.Status429TooManyRequests, "too_many_requests");
        return codes;
    }

    private static bool IsOAuthError(IOpenApiSchema? schema) => schema is OpenApiSchemaReference { Reference.Id: nameof(OAuthError) };

    /// <summary>The problem schema with this status's codes; validation problems (with <c>errors</c>) as their own alternative.</summary>
    private static IOpenApiSchema ProblemSchema(SortedSet<string> codes, OpenApiDocument? document)
    {
        var others = codes.Where(c => c != ValidationFailed).ToList();
        var validation = codes.Contains(ValidationFailed) ? WithCodes(nameof(ValidationProblem), "code", [ValidationFailed], document) : null;
        var problem = others.Count > 0 ? WithCodes(nameof(Problem), "code", others, document) : null;
        return (validation, problem) switch
        {
            ({ } v, { } p) => new OpenApiSchema { OneOf = [v, p] },
            ({ } v, null) => v,
            (null, { } p) => p,
            _ => new OpenApiSchemaReference(nameof(Problem), document), // no codes declared: OpenApiTests fails on it
        };
    }

    private static IOpenApiSchema OAuthErrorSchema(SortedSet<string> codes, OpenApiDocument? document) =>
        WithCodes(nameof(OAuthError), "error", codes, document);

    private static OpenApiSchema WithCodes(string schema, string property, IEnumerable<string> codes, OpenApiDocument? document) => new()
    {
        AllOf =
        [
            new OpenApiSchemaReference(schema, document),
            new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { property },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    [property] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = codes.Select(c => (JsonNode)JsonValue.Create(c)).ToList() },
                },
            },
        ],
    };

    private static string Sentence(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : text.TrimEnd().EndsWith('.') ? text.TrimEnd() : text.TrimEnd() + ".";
}
