using System.Reflection;
using System.Text.RegularExpressions;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Edge;

/// <summary>
/// docs/operations.md's settings table against the code, both ways: every bound options property is documented,
/// and every documented key is a bound property or a key the service reads directly.
/// </summary>
public sealed class SettingsDocumentationTests
{
    /// <summary>Keys read from configuration directly rather than through an options class.</summary>
    private static readonly string[] ReadDirectly = ["ConnectionStrings:TokenVersioning", "OpenApi:Enabled", "Metrics:Prometheus"];

    [Fact]
    public void TheSettingsTable_ListsExactlyTheSettingsTheServiceReads()
    {
        var documented = DocumentedKeys();
        var bound = BoundKeys();

        Assert.Empty(bound.Except(documented).Order());                          // nothing undocumented
        Assert.Empty(documented.Except(bound).Except(ReadDirectly).Order());     // nothing documented that does not exist
        foreach (var key in ReadDirectly)
        {
            Assert.Contains(key, documented);
            Assert.True(SourceMentions(key), $"{key} is documented as read directly, but no source file reads it");
        }
    }

    private static HashSet<string> DocumentedKeys()
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "operations.md"));
        var table = text[text.IndexOf("## Settings", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        return Regex.Matches(table, @"^\| (.+?) \|", RegexOptions.Multiline)
            .SelectMany(row => Regex.Matches(row.Groups[1].Value, "`([A-Za-z]+(?::[A-Za-z]+|:N)+)`").Select(m => m.Groups[1].Value))
            .ToHashSet();
    }

    /// <summary>Every public settable property of every options class (a type with a <c>Section</c> constant) in the service.</summary>
    private static HashSet<string> BoundKeys()
    {
        var assemblies = new[] { typeof(Program).Assembly, typeof(Infrastructure.DependencyInjection).Assembly };
        var keys = new HashSet<string>();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is not { IsLiteral: true } section) continue;
            AddProperties(keys, (string)section.GetRawConstantValue()!, type);
        }

        return keys;
    }

    private static void AddProperties(HashSet<string> keys, string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var key = $"{prefix}:{property.Name}";
            var element = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>)
                ? property.PropertyType.GetGenericArguments()[0]
                : null;
            if (element is null) keys.Add(key);
            else if (element == typeof(string)) keys.Add(key + ":N");
            else AddProperties(keys, key + ":N", element);
        }
    }

    private static bool SourceMentions(string key) =>
        new[] { "Api", "Infrastructure" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
            .Any(f => File.ReadAllText(f).Contains(key.Contains("ConnectionStrings") ? "GetConnectionString(\"TokenVersioning\")" : $"\"{key}\""));
}
