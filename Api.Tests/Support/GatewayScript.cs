using System.Diagnostics;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>scripts/gateway.sh, as shipped: the nginx gateway in front of a stand-in upstream.</summary>
public static class GatewayScript
{
    public static async Task<string> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(Repository.Root, "scripts", "gateway.sh"), args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var script = Process.Start(info)!;
        var output = await script.StandardOutput.ReadToEndAsync();
        var errors = await script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        Assert.True(script.ExitCode == 0, $"scripts/gateway.sh {string.Join(' ', args)} failed: {errors}");
        return output.Trim();
    }
}
