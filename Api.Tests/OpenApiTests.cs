using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using TokenVersioning.Api.Tests.Hostile;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Api.Problems;

namespace TokenVersioning.Api.Tests;

/// <summary>The OpenAPI document lists exactly the contract's routes and answers, and the reference page is self-contained.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class OpenApiTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>
    /// The HTTP contract: every route with every status it may answer (503 where the database is needed; 400
    /// <c>body_too_large</c> and 415 on every route but the OAuth ones, which answer their RFC's 400).
    /// </summary>
    private static readonly Dictionary<string, string> Contract = new()
    {
        ["DELETE /api/admin/clients/{id}"] = "204 400 401 403 404 415 503",
        ["DELETE /api/admin/users/{id}"] = "204 400 401 403 404 415 503",
        ["DELETE /api/admin/users/{id}/sessions/{sessionId}"] = "204 400 401 403 404 415 503",
        ["DELETE /api/sessions/{id}"] = "200 204 400 401 404 415 503",
        ["GET /.well-known/oauth-authorization-server"] = "200 400 415",
        ["GET /api/admin/audit"] = "200 400 401 403 415 503",
        ["GET /api/admin/clients"] = "200 400 401 403 415 503",
        ["GET /api/admin/users"] = "200 400 401 403 415 503",
        ["GET /api/admin/users/{id}"] = "200 400 401 403 404 415 503",
        ["GET /api/auth/verify"] = "204 400 401 403 415 503",
        ["GET /api/events/revocations"] = "200 400 401 415 503",
        ["GET /api/sessions"] = "200 400 401 415 503",
        ["GET /api/users/me"] = "200 400 401 404 415 503",
        ["HEAD /.well-known/oauth-authorization-server"] = "200 400 415",
        ["HEAD /api/auth/verify"] = "204 400 401 403 415 503",
        ["POST /api/admin/clients"] = "201 400 401 403 415 503",
        ["POST /api/admin/users/{id}/disable"] = "200 400 401 403 404 415 503",
        ["POST /api/admin/users/{id}/enable"] = "200 400 401 403 404 415 503",
        ["POST /api/admin/users/{id}/revoke-sessions"] = "200 400 401 403 404 415 503",
        ["POST /api/admin/users/{id}/unlock"] = "204 400 401 403 404 415 503",
        ["POST /api/auth/login"] = "200 400 401 403 415 429 503",
        ["POST /api/auth/logout"] = "204 400 401 403 415 503",
        ["POST /api/auth/logout-all"] = "204 400 401 415 503",
        ["POST /api/auth/logout-others"] = "200 400 401 415 503",
        ["POST /api/auth/refresh"] = "200 400 401 403 415 429 503",
        ["POST /api/auth/register"] = "201 400 409 415 429 503",
        ["POST /api/oauth/introspect"] = "200 400 401 503",
        ["POST /api/oauth/revoke"] = "200 400 401 503",
        ["POST /api/users/me/password"] = "200 400 401 415 503",
        ["PUT /api/admin/users/{id}/roles"] = "200 400 401 403 404 409 415 503",
    };

    [Fact]
    public async Task TheDocument_ListsExactlyTheContractsRoutesAndStatuses()
    {
        var document = await DocumentAsync();

        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => KeyValuePair.Create(
                $"{op.Name.ToUpperInvariant()} {path.Name}",
                string.Join(' ', op.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order()))))
            .ToDictionary();

        Assert.Equal(Contract.OrderBy(c => c.Key), documented.OrderBy(d => d.Key));
    }

    [Fact]
    public async Task Problems_AreProblemJson_AndBothSchemesAreDeclared()
    {
        var document = await DocumentAsync();

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("basic", schemes.GetProperty("apiClient").GetProperty("scheme").GetString());
        var login = document.GetProperty("paths").GetProperty("/api/auth/login").GetProperty("post");
        Assert.True(login.GetProperty("responses").GetProperty("401").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var me = document.GetProperty("paths").GetProperty("/api/users/me").GetProperty("get");
        Assert.Equal("bearer", me.GetProperty("security")[0].EnumerateObject().Single().Name);
        var introspect = document.GetProperty("paths").GetProperty("/api/oauth/introspect").GetProperty("post");
        Assert.Equal("apiClient", introspect.GetProperty("security")[0].EnumerateObject().Single().Name);
    }

    [Fact]
    public async Task TheProblemSchemas_RequireCodeAndTraceId_AndValidationProblemsAddErrors()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var problem = schemas.GetProperty("Problem");
        var validation = schemas.GetProperty("ValidationProblem");
        string[] Required(JsonElement schema) => schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order().ToArray();
        Assert.Equal(["code", "detail", "status", "title", "traceId"], Required(problem));
        Assert.Contains("errors", Required(validation));
        Assert.Contains("code", Required(validation));
        foreach (var name in new[] { "type", "instance" }) Assert.True(problem.GetProperty("properties").TryGetProperty(name, out _), name);
        var loginProblem = document.GetProperty("paths").GetProperty("/api/auth/login").GetProperty("post").GetProperty("responses")
            .GetProperty("401").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
        Assert.EndsWith("/Problem", loginProblem.GetProperty("allOf")[0].GetProperty("$ref").GetString());
    }

    [Fact]
    public async Task TheOAuthEndpoints_DeclareTheirFormBodies_AndIntrospectionsActiveIsRequired()
    {
        var document = await DocumentAsync();

        foreach (var path in new[] { "/api/oauth/introspect", "/api/oauth/revoke" })
        {
            var body = document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody");
            var form = body.GetProperty("content").GetProperty("application/x-www-form-urlencoded").GetProperty("schema");
            Assert.True(body.GetProperty("required").GetBoolean());
            Assert.Equal(["token"], form.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(["client_id", "client_secret", "token", "token_type_hint"],
                form.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order());
        }

        var answer = document.GetProperty("components").GetProperty("schemas").GetProperty("IntrospectionAnswer");
        Assert.Contains("active", answer.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task RequestBodies_CarryTheirValidationLimits()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        var register = schemas.GetProperty("RegisterRequest");
        Assert.Equal(["email", "password"], register.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal(254, register.GetProperty("properties").GetProperty("email").GetProperty("maxLength").GetInt32());
        Assert.Equal(100, register.GetProperty("properties").GetProperty("displayName").GetProperty("maxLength").GetInt32());
        var client = schemas.GetProperty("CreateClientRequest").GetProperty("properties").GetProperty("name");
        Assert.Equal((1, 100), (client.GetProperty("minLength").GetInt32(), client.GetProperty("maxLength").GetInt32()));
    }

    [Fact]
    public async Task QueryParameters_HaveTheNamesClientsSend_AndTheirLimits()
    {
        var list = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/admin/users").GetProperty("get");

        var parameters = list.GetProperty("parameters").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));
        Assert.Equal(["email", "page", "pageSize"], parameters.Keys.Order());
        Assert.Equal((1, 100), (parameters["pageSize"].GetProperty("minimum").GetInt32(), parameters["pageSize"].GetProperty("maximum").GetInt32()));
        Assert.Equal(1, parameters["page"].GetProperty("minimum").GetInt32());
        Assert.Equal(254, parameters["email"].GetProperty("maxLength").GetInt32());
    }

    [Fact]
    public async Task TheReferencePage_LoadsNothingFromOutside()
    {
        var response = await Client.GetAsync("/docs/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sources = SourceOrLink().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.DoesNotMatch("^(https?:)?//", source));
        foreach (var source in sources.Where(s => s.EndsWith(".js", StringComparison.Ordinal)))
            Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(new Uri(new Uri(Client.BaseAddress!, "/docs/"), source))).StatusCode);
    }

    private static readonly string[] TagOrder = ["Auth", "Users", "Sessions", "Admin", "Clients", "OAuth", "Events", "Verify"];

    [Fact]
    public async Task EveryOperation_HasASummaryADescriptionAndAKnownTag_AndTheTagsAreOrderedAndDescribed()
    {
        var document = await DocumentAsync();

        var tags = document.GetProperty("tags").EnumerateArray().ToList();
        Assert.Equal(TagOrder, tags.Select(t => t.GetProperty("name").GetString()));
        Assert.All(tags, t => Assert.True(t.GetProperty("description").GetString()!.Length > 20, t.ToString()));
        foreach (var (name, operation) in Operations(document))
        {
            Assert.True(operation.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 5, $"{name}: no summary");
            var description = operation.GetProperty("description").GetString()!;
            // The operation's own text, then the generated list of its codes.
            var own = description[..description.IndexOf(" Errors:", StringComparison.Ordinal)];
            Assert.True(own.Length > 30, $"{name}: the description says nothing of its own: {description}");
            Assert.Contains("Errors: ", description);
            Assert.Contains(operation.GetProperty("tags").EnumerateArray().Single().GetString(), TagOrder);
        }
    }

    [Fact]
    public async Task EveryProblemAnswer_ListsItsCodes_AndTheBearerRoutesListEveryRefusal()
    {
        var document = await DocumentAsync();

        foreach (var (name, operation) in Operations(document))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
                Assert.True(DocumentedAnswers.Codes(response.Value).Values.Sum(c => c.Count) > 0, $"{name} {response.Name}: no codes");
        }

        var me = DocumentedAnswers.Codes(document.GetProperty("paths").GetProperty("/api/users/me").GetProperty("get").GetProperty("responses").GetProperty("401"));
        Assert.Equal(["token_expired", "token_invalid", "token_missing", "token_revoked", "user_disabled"], me["code"].Order());
        var login = document.GetProperty("paths").GetProperty("/api/auth/login").GetProperty("post").GetProperty("responses");
        Assert.Equal(["invalid_credentials"], DocumentedAnswers.Codes(login.GetProperty("401"))["code"]);
        Assert.Equal(["body_too_large", "validation_failed"], DocumentedAnswers.Codes(login.GetProperty("400"))["code"].Order());
        var introspect = document.GetProperty("paths").GetProperty("/api/oauth/introspect").GetProperty("post").GetProperty("responses");
        Assert.Equal(["invalid_request"], DocumentedAnswers.Codes(introspect.GetProperty("400"))["error"]);
        Assert.Equal(["invalid_client"], DocumentedAnswers.Codes(introspect.GetProperty("401"))["error"]);
    }

    [Fact]
    public async Task EverySuccessWithABody_HasASchema_AndEveryFieldSaysWhatItIs()
    {
        var document = await DocumentAsync();

        foreach (var (name, operation) in Operations(document))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] == '2' && r.Name != "204"))
            {
                if (name.StartsWith("POST /api/oauth/revoke", StringComparison.Ordinal)) continue; // RFC 7009: an empty 200
                var content = response.Value.GetProperty("content").EnumerateObject().ToList();
                Assert.True(content.Count > 0 && content.All(c => c.Value.TryGetProperty("schema", out _)), $"{name} {response.Name}: no schema");
                Assert.DoesNotContain(content, c => c.Name is "text/plain" or "text/json");
            }
        }

        foreach (var schema in document.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            foreach (var property in schema.Value.GetProperty("properties").EnumerateObject())
            {
                var description = property.Value.TryGetProperty("description", out var d) ? d.GetString() : null;
                Assert.False(string.IsNullOrEmpty(description), $"{schema.Name}.{property.Name} has no description");
                Assert.False(description!.StartsWith('\''), $"{schema.Name}.{property.Name} is described by a validator message: {description}");
            }
        }
    }

    [Fact]
    public async Task RequiredRequestFields_AreNotNullable()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var bodies = Operations(document)
            .Where(o => o.Operation.TryGetProperty("requestBody", out _))
            .SelectMany(o => o.Operation.GetProperty("requestBody").GetProperty("content").EnumerateObject())
            .Select(c => c.Value.GetProperty("schema"))
            .Select(s => s.TryGetProperty("$ref", out var r) ? schemas.GetProperty(r.GetString()!.Split('/')[^1]) : s)
            .ToList();
        Assert.True(bodies.Count >= 8, $"only {bodies.Count} request bodies");
        foreach (var body in bodies)
        {
            if (!body.TryGetProperty("required", out var fields)) continue;
            foreach (var required in fields.EnumerateArray().Select(r => r.GetString()!))
            {
                var type = body.GetProperty("properties").GetProperty(required).GetProperty("type");
                Assert.True(type.ValueKind == JsonValueKind.String, $"{required} is nullable: {type}");
            }
        }
    }

    [Fact]
    public async Task TheClientGuide_ListsEveryCodeOfEveryRoute_AsTheDocumentDeclaresThem()
    {
        var document = await DocumentAsync();
        var guide = File.ReadAllText(Path.Combine(Repository.Root, "docs", "clients.md"));

        var listed = GuideRow().Matches(guide).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim());
        var declared = Operations(document)
            .Where(o => !o.Name.StartsWith("HEAD ", StringComparison.Ordinal))
            .ToDictionary(o => o.Name, o => string.Join(" · ", o.Operation.GetProperty("responses").EnumerateObject()
                .Where(r => r.Name[0] is '4' or '5').OrderBy(r => r.Name, StringComparer.Ordinal)
                .Select(r => r.Name + " " + string.Join(' ', DocumentedAnswers.Codes(r.Value).Values.SelectMany(c => c)
                    .Order(StringComparer.Ordinal).Select(c => $"`{c}`")))));
        foreach (var (route, codes) in declared)
            Assert.True(listed.TryGetValue(route, out var row) && row == codes, $"docs/clients.md should have the row: | `{route}` | {codes} |");
        Assert.Empty(listed.Keys.Except(declared.Keys));
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => ($"{op.Name.ToUpperInvariant()} {path.Name}", op.Value)));

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [GeneratedRegex(@"^\| `([A-Z]+ /\S*)` \| (.+) \|$", RegexOptions.Multiline)]
    private static partial Regex GuideRow();

    [GeneratedRegex("""(?:src|href)="([^"]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex SourceOrLink();
}
