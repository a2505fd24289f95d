namespace TokenVersioning.Api.OpenApi;

/// <summary>
/// A string query parameter that the action reads itself rather than through model binding (a hot route skips
/// binding and validation altogether); declared here so that the document still lists it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class QueryParameterAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; } = description;
}
