using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using TokenVersioning.Api.Tests.Support;

namespace TokenVersioning.Api.Tests.Edge;

/// <summary>
/// The README's production instructions, run as written (<c>dotnet run</c>, its launch profile included), and the
/// built service with bad settings: Production really is Production, and a bad setting is one line on stderr.
/// </summary>
[Trait("Servers", "process")]
public sealed class ProductionStartTests
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(3); // the first dotnet run builds Api

    [Fact]
    public async Task TheReadmesProductionCommand_RunsProduction_WithNoReferenceAndNoDevelopmentKeys()
    {
        var directory = ApiFactory.NewDirectory();
        Directory.CreateDirectory(directory);
        var port = Ports.Free();
        using var service = Start("bash", ["-c", ReadmeProductionBlock()], directory, port);
        var log = new System.Text.StringBuilder();
        service.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        service.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient();
            var started = await Record.ExceptionAsync(() => Eventually.TrueAsync(
                async () => await AnswersAsync(http, $"http://127.0.0.1:{port}/health/ready") || service.HasExited,
                StartBound, "the README's production command did not start the service"));
            Assert.True(started is null, $"{started?.Message} Its output: {log}");
            Assert.False(service.HasExited, $"the service stopped: {log}");

            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{port}/docs")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{port}/openapi/v1.json")).StatusCode);

            // The console logger writes from a queue of its own: its start-up lines may trail the first answer.
            await Eventually.TrueAsync(() => { lock (log) return log.ToString().Contains("Hosting environment:"); },
                TimeSpan.FromSeconds(30), "the service logged no hosting environment");
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }

        string output;
        lock (log) output = log.ToString();
        Assert.Contains("Hosting environment: Production", output);
        Assert.DoesNotContain("DevelopmentSigningKeyStore", output); // no development key was generated or used
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task TheReadmesFirstCommand_RunsDevelopment_WithTheReferenceADemoAdminAndItsOwnUrlAsIssuer()
    {
        var directory = ApiFactory.NewDirectory();
        Directory.CreateDirectory(directory);
        var port = Ports.Free();
        using var service = Start("bash", ["-c", ReadmeBlocks().First()], directory, port);
        var log = new System.Text.StringBuilder();
        service.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        service.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        service.BeginOutputReadLine();
        service.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient();
            var started = await Record.ExceptionAsync(() => Eventually.TrueAsync(
                async () => await AnswersAsync(http, $"http://127.0.0.1:{port}/health/ready") || service.HasExited,
                StartBound, "the README's first command did not start the service"));
            Assert.True(started is null && !service.HasExited, $"{started?.Message} Its output: {log}");

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/openapi/v1.json")).StatusCode);
            var metadata = await http.GetStringAsync($"http://127.0.0.1:{port}/.well-known/oauth-authorization-server");
            Assert.Contains("\"issuer\":\"http://localhost:5080\"", metadata); // the launch profile's URL
            // The console comes with the default run, nothing else to build: its page under a strict policy.
            var console = await http.GetAsync($"http://127.0.0.1:{port}/console/");
            Assert.Equal(HttpStatusCode.OK, console.StatusCode);
            Assert.Contains("default-src 'self'", console.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{port}/console/app.js")).StatusCode);

            // The console logger writes from a queue of its own: its start-up lines may trail the first answer.
            await Eventually.TrueAsync(() => { lock (log) return log.ToString().Contains("Hosting environment:"); },
                TimeSpan.FromSeconds(30), "the service logged no hosting environment");
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }

        string output;
        lock (log) output = log.ToString();
        Assert.Contains("Hosting environment: Development", output);
        Assert.Contains("Development demo admin", output);
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task TheReadmesProductionCommand_WithoutKeys_StopsWithOneLineNamingTheSetting()
    {
        var command = ReadmeProductionBlock().Split('\n').Single(l => l.StartsWith("ASPNETCORE_ENVIRONMENT=Production", StringComparison.Ordinal));
        var directory = ApiFactory.NewDirectory();
        Directory.CreateDirectory(directory);

        var (exitCode, stderr, stdout) = await RunToEndAsync(Start("bash", ["-c", command], directory, Ports.Free()));

        AssertOneLineNaming(exitCode, stderr, stdout, "Tokens:SigningKeys");
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData("Tokens__ActiveKeyId", "nope", "Tokens:ActiveKeyId")]
    [InlineData("Tokens__AccessTokenLifetime", "fifteen minutes", "Tokens:AccessTokenLifetime")]
    [InlineData("Invalidation__PollInterval", "1:2:3:4:5", "Invalidation:PollInterval")]
    [InlineData("ReverseProxy__TrustedProxies__0", "10.0.0.0/33", "ReverseProxy:TrustedProxies:0")]
    [InlineData("ReverseProxy__TrustedProxies__1", "proxy.internal", "ReverseProxy:TrustedProxies:1")]
    [InlineData("Database__Provider", "Oracle", "Database:Provider")]
    [InlineData("Tokens__SigningKeys__0__Secret", "c2hvcnQ=", "Tokens:SigningKeys:0:Secret")]
    [InlineData("Tokens__Issuer", "tokenversioning", "Tokens:Issuer")]
    [InlineData("Tokens__Issuer", "http://auth.example.com", "Tokens:Issuer")]
    public async Task ABadSetting_StopsTheBuiltServiceWithOneLineNamingTheKey(string variable, string value, string key)
    {
        var directory = ApiFactory.NewDirectory();
        Directory.CreateDirectory(directory);
        var info = new ProcessStartInfo("dotnet", [ServiceProcess.ApiAssembly(), "--urls", $"http://127.0.0.1:{Ports.Free()}"]);
        info.Environment["Tokens__SigningKeys__0__Id"] = ApiFactory.ActiveKeyId;
        info.Environment["Tokens__SigningKeys__0__Secret"] = ApiFactory.ActiveSecret;
        info.Environment["ReverseProxy__TrustedProxies__0"] = "10.0.0.0/8";
        info.Environment["Tokens__Issuer"] = ApiFactory.Issuer;
        info.Environment[variable] = value;

        var (exitCode, stderr, stdout) = await RunToEndAsync(Start(info, directory));

        AssertOneLineNaming(exitCode, stderr, stdout, key);
        Directory.Delete(directory, recursive: true);
    }

    private static void AssertOneLineNaming(int exitCode, string stderr, string stdout, string key)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exitCode != 0, $"exit code 0; stderr: {stderr}");
        Assert.True(lines.Length == 1, $"stderr has {lines.Length} lines: {stderr}");
        Assert.Contains(key, lines[0]);
        Assert.DoesNotContain("   at ", stderr + stdout);
        Assert.DoesNotContain("Exception", stderr + stdout);
    }

    /// <summary>The README's sh block that ends with the production command: its exports and the command, as written.</summary>
    private static string ReadmeProductionBlock()
    {
        return ReadmeBlocks().Single(b => b.Contains("ASPNETCORE_ENVIRONMENT=Production dotnet run", StringComparison.Ordinal));
    }

    /// <summary>The README's sh blocks in order; the first is the command that runs the service on its defaults.</summary>
    private static IEnumerable<string> ReadmeBlocks() =>
        Regex.Matches(File.ReadAllText(Path.Combine(Repository.Root, "README.md")), "```sh\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value);

    private static Process Start(string command, string[] args, string directory, int port)
    {
        var info = new ProcessStartInfo(command, args) { WorkingDirectory = Repository.Root };
        // Only what the README leaves to the operator's environment: where the data goes, and a free port.
        info.Environment["ConnectionStrings__TokenVersioning"] = $"Data Source={Path.Combine(directory, "production.db")}";
        info.Environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{port}";
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        return Start(info, directory);
    }

    private static Process Start(ProcessStartInfo info, string directory)
    {
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.UseShellExecute = false;
        if (string.IsNullOrEmpty(info.WorkingDirectory)) info.WorkingDirectory = directory;
        return Process.Start(info)!;
    }

    private static async Task<(int ExitCode, string Stderr, string Stdout)> RunToEndAsync(Process process)
    {
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var bound = new CancellationTokenSource(StartBound);
            await process.WaitForExitAsync(bound.Token);
            return (process.ExitCode, await stderr, await stdout);
        }
    }

    private static async Task<bool> AnswersAsync(HttpClient http, string url)
    {
        try
        {
            return (await http.GetAsync(url)).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
