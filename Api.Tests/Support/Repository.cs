namespace TokenVersioning.Api.Tests.Support;

/// <summary>The repository this test build belongs to: what ships (scripts, deploy/, README.md) is tested from there.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TokenVersioning.sln"))) root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException("No TokenVersioning.sln above " + AppContext.BaseDirectory);
    }
}
