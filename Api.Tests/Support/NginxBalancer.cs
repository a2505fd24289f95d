using System.Diagnostics;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>
/// The shipped load-balancer configuration (deploy/nginx-cluster.conf) for real, in Debian's nginx, in front of
/// the given node URLs, filled in as scripts/cluster.sh fills it.
/// </summary>
public sealed class NginxBalancer : IAsyncDisposable
{
    private readonly string _directory = ApiFactory.NewDirectory();

    private NginxBalancer(int port) => Url = $"http://127.0.0.1:{port}";

    public string Url { get; }

    public static async Task<NginxBalancer> StartAsync(params string[] nodes)
    {
        var port = Ports.Free();
        var balancer = new NginxBalancer(port);
        Directory.CreateDirectory(Path.Combine(balancer._directory, "nginx"));
        var upstreams = string.Concat(nodes.Select(n => $"    server {new Uri(n).Authority};\n"));
        var template = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "nginx-cluster.conf"));
        var config = template.Replace("@PORT@", port.ToString()).Replace("@DIR@", balancer._directory).Replace("@UPSTREAMS@", upstreams);
        var file = Path.Combine(balancer._directory, "nginx.conf");
        await File.WriteAllTextAsync(file, config);
        await RunAsync("nginx", "-c", file, "-p", Path.Combine(balancer._directory, "nginx"));
        return balancer;
    }

    public async ValueTask DisposeAsync()
    {
        var pid = Path.Combine(_directory, "nginx.pid");
        if (File.Exists(pid)) await RunAsync("kill", (await File.ReadAllTextAsync(pid)).Trim());
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private static async Task RunAsync(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', args)} failed: {errors}");
    }
}
