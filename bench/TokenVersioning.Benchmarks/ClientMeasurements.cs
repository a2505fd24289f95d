using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TokenVersioning.Client;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// <c>client-latency URL ADMIN_EMAIL ADMIN_PASSWORD ITERATIONS</c>: a resource server in this process uses the
/// package against the service at URL; per trial a user's token is cached there, logout-all is called on the
/// service, and the time from the service's response to the resource server's first refusal is recorded.
/// <c>client-memory [VERDICTS]</c>: managed heap per cached verdict in the package's cache.
/// </summary>
public static class ClientMeasurements
{
    public static async Task<int> LatencyAsync(string[] args)
    {
        var service = new HttpClient { BaseAddress = new Uri(args[0]) };
        var iterations = int.Parse(args[3]);
        var client = await EventLatency.ApiClientAsync(service, args[1], args[2], "client-latency");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication(TokenVersioningExtensions.DefaultScheme).AddTokenVersioning(o =>
        {
            o.Authority = new Uri(args[0]);
            o.ClientId = client.GetProperty("clientId").GetString();
            o.ClientSecret = client.GetProperty("clientSecret").GetString();
        });
        builder.Services.AddAuthorization();
        await using var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/orders", () => Results.Ok(new { orders = Array.Empty<string>() })).RequireAuthorization();
        await app.StartAsync();
        var resourceServer = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var runtime = app.Services.GetRequiredKeyedService<TokenVersioningRuntime>(TokenVersioningExtensions.DefaultScheme);
        var started = Stopwatch.StartNew();
        while (!runtime.Confirmed && started.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);

        var email = $"client-latency-{Guid.NewGuid():N}@example.com";
        const string password = "client latency measurement password";
        (await service.PostAsJsonAsync("/api/auth/register", new { email, password })).EnsureSuccessStatusCode();
        var latencies = new List<double>(iterations);
        for (var i = 0; i < iterations + 5; i++)
        {
            var token = await EventLatency.TokenAsync(service, email, password);
            for (var hit = 0; hit < 2; hit++)
            {
                if ((await GetAsync(resourceServer, token)).StatusCode != HttpStatusCode.OK) throw new InvalidOperationException("the token was not accepted");
            }

            var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout-all");
            logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await service.SendAsync(logout);
            var answeredAt = Stopwatch.GetTimestamp();
            if (response.StatusCode != HttpStatusCode.NoContent) throw new InvalidOperationException($"logout-all answered {response.StatusCode}.");
            while ((await GetAsync(resourceServer, token)).StatusCode != HttpStatusCode.Unauthorized)
            {
                if (Stopwatch.GetElapsedTime(answeredAt) > TimeSpan.FromSeconds(5)) throw new InvalidOperationException("not refused within 5 s");
            }

            if (i >= 5) latencies.Add(Stopwatch.GetElapsedTime(answeredAt).TotalMilliseconds);
        }

        var p99 = RevocationLatency.Percentile(latencies, 99);
        Console.WriteLine($"iterations: {iterations}");
        Console.WriteLine($"the service's revoke response -> the resource server's first refusal: p50 {RevocationLatency.Percentile(latencies, 50):F2} ms, " +
                          $"p99 {p99:F2} ms, max {latencies.Max():F2} ms (target: p99 at most 10 ms)");
        return p99 <= 10 ? 0 : 1;
    }

    public static int Memory(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        var keys = Enumerable.Range(0, count).Select(i => new TokenKey((ulong)i, (ulong)i * 31, 7, 11)).ToArray();
        var users = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        string[] roles = ["user"]; // the package shares one array per distinct set of roles
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();

        var before = Heap();
        var cache = new VerdictCache(count, TimeProvider.System);
        for (var i = 0; i < count; i++) cache.Add(keys[i], new Verdict(users[i], Guid.NewGuid(), 1, roles, expires));
        var after = Heap();
        GC.KeepAlive(cache);
        var perVerdict = (after - before) / (double)count;
        Console.WriteLine($"verdicts cached: {cache.Count:N0}; managed heap per cached verdict: {perVerdict:F0} bytes (target: at most 300)");
        return perVerdict <= 300 ? 0 : 1;
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient resourceServer, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/orders");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return resourceServer.SendAsync(request);
    }
}
