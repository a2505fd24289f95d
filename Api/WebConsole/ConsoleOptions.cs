namespace TokenVersioning.Api.WebConsole;

/// <summary>Section <c>Console</c>.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Serve the browser console at <c>/console</c>.</summary>
    public bool Enabled { get; set; } = true;
}
