using System.Text.RegularExpressions;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests;

/// <summary>
/// No namespace of the shipped code depends on itself through others: following a flow never goes A → B → A.
/// Read from the sources (migrations excluded): a namespace depends on another when one of its files has a
/// <c>using</c> of it, names it fully qualified, or names one of its types relative to the common parent
/// (<c>Caching.UserState</c> from <c>Infrastructure.Tokens</c>).
/// </summary>
public sealed partial class NamespaceLayeringTests
{
    private static readonly string[] Projects = ["Api", "Domain", "Infrastructure", "Client"];

    [Fact]
    public void NoNamespaceCycles()
    {
        var graph = DependencyGraph();

        Assert.True(graph.Count > 20, $"only {graph.Count} namespaces found: the source scan is broken");
        var cycles = StronglyConnected(graph).Where(c => c.Count > 1).Select(c => string.Join(" <-> ", c.Order())).ToList();
        Assert.True(cycles.Count == 0, "namespace cycles: " + string.Join("; ", cycles));
    }

    [Fact]
    public void TheScan_FindsACycle_WhenThereIsOne()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"],
        };

        var cycle = Assert.Single(StronglyConnected(graph), c => c.Count > 1);
        Assert.Equal(["A", "B", "C"], cycle.Order());
    }

    private static Dictionary<string, HashSet<string>> DependencyGraph()
    {
        var files = Projects
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(Repository.Root, p), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}"))
            .Select(f => (Text: StringLiteral().Replace(File.ReadAllText(f), "\"\""), File: f))
            .Select(f => (f.Text, Namespace: NamespaceDeclaration().Match(f.Text) is { Success: true } m ? m.Groups[1].Value : null))
            .Where(f => f.Namespace is not null)
            .ToList();
        var namespaces = files.Select(f => f.Namespace!).ToHashSet();
        var typesIn = new Dictionary<string, HashSet<string>>();
        foreach (var (text, ns) in files)
        {
            foreach (Match type in TypeDeclaration().Matches(text))
            {
                if (!typesIn.TryGetValue(type.Groups[1].Value, out var owners)) typesIn[type.Groups[1].Value] = owners = [];
                owners.Add(ns!);
            }
        }

        string? Known(string name)
        {
            while (!namespaces.Contains(name) && name.Contains('.')) name = name[..name.LastIndexOf('.')];
            return namespaces.Contains(name) ? name : null;
        }

        var graph = namespaces.ToDictionary(n => n, _ => new HashSet<string>());
        foreach (var (text, ns) in files)
        {
            var edges = graph[ns!];
            foreach (Match use in UsingDirective().Matches(text)) edges.Add(Known(use.Groups[1].Value) ?? ns!);
            foreach (Match name in QualifiedName().Matches(text)) edges.Add(Known(name.Value) ?? ns!);
            var parent = ns![..ns!.LastIndexOf('.')];
            foreach (Match name in RelativeName().Matches(text))
            {
                var sibling = $"{parent}.{name.Groups[1].Value}";
                if (namespaces.Contains(sibling) && typesIn.TryGetValue(name.Groups[2].Value, out var owners) && owners.Contains(sibling))
                    edges.Add(sibling);
            }

            edges.Remove(ns);
        }

        return graph;
    }

    /// <summary>Tarjan's strongly connected components: a component of more than one namespace is a cycle.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<List<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (stack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] != index[v]) return;
            var component = new List<string>();
            string popped;
            do component.Add(popped = stack.Pop());
            while (popped != v);
            components.Add(component);
        }

        foreach (var v in graph.Keys) if (!index.ContainsKey(v)) Visit(v);
        return components;
    }

    [GeneratedRegex("""^namespace\s+([\w.]+)\s*[;{]""", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex("""\b(?:class|struct|record|interface|enum)\s+([A-Z]\w*)""")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex("""^using\s+(?:static\s+)?(TokenVersioning[\w.]*)\s*;""", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();

    [GeneratedRegex("""\bTokenVersioning(?:\.[A-Za-z]\w*)+""")]
    private static partial Regex QualifiedName();

    [GeneratedRegex("""(?<![\w.])([A-Z]\w*)\.([A-Z]\w*)""")]
    private static partial Regex RelativeName();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();
}
