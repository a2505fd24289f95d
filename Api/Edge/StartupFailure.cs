using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Startup;

namespace TokenVersioning.Api.Edge;

/// <summary>
/// A bad or missing setting ends start-up with one line on stderr naming the key, and exit code 1: an operator
/// reads what to fix, not a stack trace. Anything else is not a setting and stays a crash with its trace.
/// </summary>
internal static class StartupFailure
{
    public const int ExitCode = 1;

    public static bool TryDescribe(Exception exception, out string line)
    {
        line = exception switch
        {
            OptionsValidationException invalid => string.Join(" ", invalid.Failures),
            InvalidSettingException setting => setting.Message,
            // The configuration binder's own failure ("Failed to convert configuration value at 'Tokens:...'").
            InvalidOperationException { InnerException: FormatException or OverflowException or ArgumentException } binding
                when binding.Message.Contains("configuration value", StringComparison.Ordinal) => binding.Message,
            _ => "",
        };
        if (line.Length == 0) return false;
        line = "Start-up stopped by a setting: " + line.ReplaceLineEndings(" ");
        return true;
    }

    public static bool UnderTestHost(WebApplication app) =>
        app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.GetType().Assembly.GetName().Name == "Microsoft.AspNetCore.TestHost";

    /// <summary>
    /// The environment to run in when the operator set none: a launch profile names it in
    /// <c>TOKENVERSIONING_LAUNCH_ENVIRONMENT</c> rather than in <c>ASPNETCORE_ENVIRONMENT</c>, so that
    /// <c>ASPNETCORE_ENVIRONMENT=Production dotnet run</c> really runs Production.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        var chosen = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT");
        var onCommandLine = args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase));
        var launch = Environment.GetEnvironmentVariable("TOKENVERSIONING_LAUNCH_ENVIRONMENT");
        return new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = string.IsNullOrEmpty(chosen) && !onCommandLine && !string.IsNullOrEmpty(launch) ? launch : null,
        };
    }
}
