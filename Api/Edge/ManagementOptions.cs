using Microsoft.Extensions.Options;

namespace TokenVersioning.Api.Edge;

/// <summary>
/// Section <c>Management</c>: with <see cref="Port"/> set, <c>/metrics</c> and <c>/health/*</c> answer on that port
/// only (a listener of its own, on every interface), and 404 on the public one; the public routes 404 there.
/// </summary>
public sealed class ManagementOptions
{
    public const string Section = "Management";

    public int? Port { get; set; }

    public static bool IsManagementPath(PathString path) =>
        path.Equals("/metrics", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
}

internal sealed class ManagementOptionsValidator : IValidateOptions<ManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, ManagementOptions options) =>
        options.Port is < 1 or > 65535
            ? ValidateOptionsResult.Fail($"Management:Port {options.Port} is not a port (1 to 65535).")
            : ValidateOptionsResult.Success;
}
