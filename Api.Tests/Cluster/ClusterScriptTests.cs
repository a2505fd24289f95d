using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Npgsql;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Cluster;

/// <summary>
/// scripts/cluster.sh as an operator runs it, beside the test suite's own PostgreSQL: it starts its own servers
/// on free ports, prints what is needed to use the cluster, and stops only what it started.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Servers", "Postgres+Redis")]
public sealed class ClusterScriptTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(6); // start publishes the service first

    [Fact]
    public async Task StartAndStop_RunBesideTheSuitesDatabase_AndLeaveItRunning()
    {
        var directory = ApiFactory.NewDirectory();
        var environment = new Dictionary<string, string> { ["TV_CLUSTER_DIR"] = directory };
        await AssertSuiteDatabaseAnswersAsync();

        var (started, output, errors) = await ScriptAsync(environment, "start");
        try
        {
            Assert.True(started == 0, $"start failed: {errors}\n{output}");
            var balancer = Regex.Match(output, @"^load balancer:\s+(\S+)$", RegexOptions.Multiline).Groups[1].Value;
            var nodes = Regex.Matches(output, @"^  node \d:\s+(\S+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
            var email = Regex.Match(output, @"^admin email:\s+(\S+)$", RegexOptions.Multiline).Groups[1].Value;
            var password = Regex.Match(output, @"^admin password:\s+(\S+)$", RegexOptions.Multiline).Groups[1].Value;
            Assert.Equal(3, nodes.Count);
            await AssertSuiteDatabaseAnswersAsync();

            using var http = new HttpClient();
            var login = await http.PostAsJsonAsync($"{balancer}/api/auth/login", new { email, password });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            foreach (var node in nodes) Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{node}/health/ready")).StatusCode);
            foreach (var log in Directory.GetFiles(directory, "node*.log"))
            {
                // A readiness check that failed while the node was still starting is the health-check service's own
                // report (a busy machine makes the start slow), not a failure of the node: only other failures count.
                var text = string.Join('\n', (await File.ReadAllLinesAsync(log))
                    .Where(l => !l.StartsWith("fail: Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", StringComparison.Ordinal)));
                var at = text.IndexOf("fail:", StringComparison.Ordinal);
                Assert.True(at < 0, $"{Path.GetFileName(log)} logged a failure: {text[Math.Max(0, at - 200)..Math.Min(text.Length, at + 1500)]}");
            }
            // A second start refuses rather than stopping the running cluster.
            Assert.NotEqual(0, (await ScriptAsync(environment, "start")).ExitCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{balancer}/health/live")).StatusCode);
        }
        finally
        {
            var (stopped, _, stopErrors) = await ScriptAsync(environment, "stop");
            Assert.True(stopped == 0, stopErrors);
        }

        Assert.False(Directory.Exists(directory));
        await AssertSuiteDatabaseAnswersAsync();
    }

    [Fact]
    public async Task Stop_LeavesADirectoryItDidNotMakeAlone()
    {
        var directory = ApiFactory.NewDirectory();
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "precious"), "not the script's");

        var (exitCode, _, errors) = await ScriptAsync(new Dictionary<string, string> { ["TV_CLUSTER_DIR"] = directory }, "stop");

        Assert.Equal(0, exitCode);
        Assert.Contains("left alone", errors);
        Assert.True(File.Exists(Path.Combine(directory, "precious")));
        Directory.Delete(directory, recursive: true);
    }

    private static async Task AssertSuiteDatabaseAnswersAsync()
    {
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("TEST_POSTGRES"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select 1", connection);
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    private static async Task<(int ExitCode, string Output, string Errors)> ScriptAsync(Dictionary<string, string> environment, string verb)
    {
        var info = new ProcessStartInfo(Path.Combine(Repository.Root, "scripts", "cluster.sh"), [verb])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repository.Root,
        };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        using var script = Process.Start(info)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(Bound);
        await script.WaitForExitAsync(bound.Token);
        return (script.ExitCode, await output, await errors);
    }
}
