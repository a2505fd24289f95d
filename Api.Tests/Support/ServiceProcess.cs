using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>
/// The service as its own process on a real loopback port (built by the test command), on a SQLite database of
/// its own, for what must reach it over the network: a reverse proxy in front of it.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public const string AdminEmail = "gateway-admin@example.com";

    private const int KeptLines = 200;

    private readonly Process _process;
    private readonly string _directory = ApiFactory.NewDirectory();
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(int port, IReadOnlyDictionary<string, string>? settings)
    {
        Url = $"http://127.0.0.1:{port}";
        Directory.CreateDirectory(_directory);
        var info = new ProcessStartInfo("dotnet", [ApiAssembly(), "--urls", Url])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["ConnectionStrings__TokenVersioning"] = $"Data Source={Path.Combine(_directory, "gateway.db")}";
        info.Environment["Database__MigrateOnStartup"] = "true";
        info.Environment["Tokens__SigningKeys__0__Id"] = ApiFactory.ActiveKeyId;
        info.Environment["Tokens__SigningKeys__0__Secret"] = ApiFactory.ActiveSecret;
        info.Environment["Tokens__Issuer"] = ApiFactory.Issuer;
        info.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        info.Environment["Bootstrap__AdminPassword"] = ApiTest.Password;
        info.Environment["RateLimiting__Enabled"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key.Replace(":", "__")] = value;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Url { get; }

    /// <summary>The last lines the process wrote (its log), for a failure's message.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the service; <paramref name="settings"/> (keys as in configuration, <c>A:B</c>) override the defaults.</summary>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var service = new ServiceProcess(Ports.Free(), settings);
        var ready = settings?.GetValueOrDefault("Management:Port") is { } management ? $"http://127.0.0.1:{management}" : service.Url;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string? failure = null, lastAnswer = "none";
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (service._process.HasExited) return true; // no use waiting for a process that is gone
                try
                {
                    using var answer = await http.GetAsync($"{ready}/health/ready");
                    if (answer.StatusCode == HttpStatusCode.OK) return true;
                    lastAnswer = $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}";
                    return false;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    lastAnswer = e.Message;
                    return false;
                }
            }, TimeSpan.FromSeconds(60), "the service process did not become ready");
            if (service._process.HasExited)
            {
                await service._process.WaitForExitAsync(); // its last lines are read
                failure = $"the service process exited with {service._process.ExitCode} before it was ready.";
            }
        }
        catch (Xunit.Sdk.XunitException e)
        {
            failure = e.Message;
        }

        if (failure is not null)
        {
            var output = service.Output;
            await service.DisposeAsync(); // a process that never became ready must not outlive the test (or hold its port)
            throw new Xunit.Sdk.XunitException($"{failure} Its last readiness answer: {lastAnswer}. Its last output:\n{output}");
        }

        return service;
    }

    /// <summary>
    /// Fails unless <paramref name="response"/> (from this service, or through something in front of it) has the
    /// expected status; the message has its body (which problem it was), <paramref name="more"/> (what else the
    /// caller knows, such as the log of what stands in front) and this process's last output.
    /// </summary>
    public async Task AssertAnsweredAsync(HttpStatusCode expected, HttpResponseMessage response, string? more = null)
    {
        if (response.StatusCode == expected) return;
        var body = await response.Content.ReadAsStringAsync();
        throw new Xunit.Sdk.XunitException(
            $"{response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {body} (expected {(int)expected}); {(more is null ? "" : more + "\n")}the service's last output:\n{Output}");
    }

    /// <summary>Kills the service (as a crash would), leaving its files for <see cref="DisposeAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > KeptLines) _output.TryDequeue(out _);
    }

    /// <summary>The Api build beside this test build (same configuration).</summary>
    public static string ApiAssembly()
    {
        var here = AppContext.BaseDirectory; // .../Api.Tests/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(here).Parent!.Name;
        var path = Path.Combine(Repository.Root, "Api", "bin", configuration, "net10.0", "TokenVersioning.Api.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution first.");
    }
}
