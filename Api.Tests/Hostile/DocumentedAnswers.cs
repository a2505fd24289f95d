using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TokenVersioning.Api.Tests.Hostile;

/// <summary>
/// What the OpenAPI document declares for each operation: the statuses, and for each status the codes its problem
/// (<c>code</c>) or OAuth error (<c>error</c>) schema enumerates.
/// </summary>
internal sealed partial class DocumentedAnswers(JsonElement document)
{
    public static async Task<DocumentedAnswers> ReadAsync(HttpClient client)
    {
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new DocumentedAnswers(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    /// <summary>The operation under a route template ("api/sessions/{id:guid}"), or null when the document has none.</summary>
    public JsonElement? Operation(string method, string template)
    {
        var path = "/" + Constraint().Replace(template.TrimStart('/'), "{$1}");
        return document.GetProperty("paths").TryGetProperty(path, out var item) && item.TryGetProperty(method.ToLowerInvariant(), out var operation)
            ? operation
            : null;
    }

    /// <summary>The codes the document lists for this status of the operation, by the property that carries them.</summary>
    public static IReadOnlyDictionary<string, HashSet<string>> Codes(JsonElement response)
    {
        var codes = new Dictionary<string, HashSet<string>>();
        if (!response.TryGetProperty("content", out var content)) return codes;
        foreach (var media in content.EnumerateObject()) Collect(media.Value.GetProperty("schema"), codes);
        return codes;
    }

    /// <summary>The operations an answer was checked against, as "METHOD template".</summary>
    public HashSet<string> Checked { get; } = [];

    public async Task AssertDeclaredAsync(string method, string template, HttpResponseMessage answer, string label)
    {
        if (Operation(method, template) is not { } operation) return; // not an API operation (health, metrics, the reference)
        Checked.Add($"{method} {template}");
        var status = ((int)answer.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(operation.GetProperty("responses").TryGetProperty(status, out var declared), $"status {status} is not declared: {label}");
        if ((int)answer.StatusCode < 400 || method == "HEAD") return;
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        var codes = Codes(declared);
        var property = body.TryGetProperty("code", out _) ? "code" : "error";
        var code = body.GetProperty(property).GetString()!;
        Assert.True(codes.TryGetValue(property, out var listed) && listed.Contains(code),
            $"{property} '{code}' is not among the documented {string.Join(", ", codes.GetValueOrDefault(property) ?? [])}: {label}");
    }

    private static void Collect(JsonElement schema, Dictionary<string, HashSet<string>> codes)
    {
        foreach (var combinator in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (!schema.TryGetProperty(combinator, out var parts)) continue;
            foreach (var part in parts.EnumerateArray()) Collect(part, codes);
        }

        if (!schema.TryGetProperty("properties", out var properties)) return;
        foreach (var name in new[] { "code", "error" })
        {
            if (!properties.TryGetProperty(name, out var property) || !property.TryGetProperty("enum", out var values)) continue;
            if (!codes.TryGetValue(name, out var set)) codes[name] = set = [];
            set.UnionWith(values.EnumerateArray().Select(v => v.GetString()!));
        }
    }

    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex Constraint();
}
