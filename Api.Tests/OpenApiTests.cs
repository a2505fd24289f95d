using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>The OpenAPI document lists exactly the contract's routes and answers, and the reference page is self-contained.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class OpenApiTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>The HTTP contract: every route with every status it may answer (503 where the database is needed).</summary>
    private static readonly Dictionary<string, string> Contract = new()
    {
        ["GET /.well-known/oauth-authorization-server"] = "200",
        ["HEAD /.well-known/oauth-authorization-server"] = "200",
        ["POST /api/auth/register"] = "201 400 409 429 503",
        ["POST /api/auth/login"] = "200 400 401 403 429 503",
        ["POST /api/auth/refresh"] = "200 400 401 429 503",
        ["POST /api/auth/logout"] = "204 401 503",
        ["POST /api/auth/logout-all"] = "204 401 503",
        ["GET /api/auth/verify"] = "204 401 403 503",
        ["HEAD /api/auth/verify"] = "204 401 403 503",
        ["GET /api/users/me"] = "200 401 503",
        ["POST /api/users/me/password"] = "200 400 401 503",
        ["GET /api/sessions"] = "200 401 503",
        ["DELETE /api/sessions/{id}"] = "200 204 401 404 503",
        ["GET /api/admin/users"] = "200 400 401 403 503",
        ["GET /api/admin/users/{id}"] = "200 401 403 404 503",
        ["POST /api/admin/users/{id}/revoke-sessions"] = "200 400 401 403 404 503",
        ["POST /api/admin/users/{id}/unlock"] = "204 401 403 404 503",
        ["POST /api/admin/users/{id}/disable"] = "200 400 401 403 404 503",
        ["POST /api/admin/users/{id}/enable"] = "200 400 401 403 404 503",
        ["DELETE /api/admin/users/{id}"] = "204 401 403 404 503",
        ["GET /api/admin/audit"] = "200 400 401 403 503",
        ["POST /api/admin/clients"] = "201 400 401 403 503",
        ["GET /api/admin/clients"] = "200 401 403 503",
        ["DELETE /api/admin/clients/{id}"] = "204 401 403 404 503",
        ["POST /api/oauth/introspect"] = "200 400 401 503",
        ["POST /api/oauth/revoke"] = "200 400 401 503",
        ["GET /api/events/revocations"] = "200 401",
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
        Assert.EndsWith("/Problem", loginProblem.GetProperty("$ref").GetString());
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

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [GeneratedRegex("""(?:src|href)="([^"]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex SourceOrLink();
}
