using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// <c>latency BASEURL ITERATIONS</c>, against a running service: per iteration, log in, use the token, call
/// logout-all, then send the old token once more. Reports how long the revoking call took (p50, p99), how long
/// after its response the next request was refused, and how many next requests were not refused (must be 0).
/// </summary>
public static class RevocationLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (baseUrl, iterations) = (args[0], int.Parse(args[1]));
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var email = $"latency-{Guid.NewGuid():N}@example.com";
        const string password = "latency measurement password";
        (await http.PostAsJsonAsync("/api/auth/register", new { email, password })).EnsureSuccessStatusCode();

        var revoke = new List<double>(iterations);
        var untilRefused = new List<double>(iterations);
        var accepted = 0;
        for (var i = 0; i < iterations + 5; i++)
        {
            var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            if (await SendAsync(http, HttpMethod.Get, "/api/users/me", token) is var (me, _) && me != HttpStatusCode.OK)
                throw new InvalidOperationException($"A fresh token got {me}.");

            var started = Stopwatch.GetTimestamp();
            var (revoked, revokedAt) = await SendAsync(http, HttpMethod.Post, "/api/auth/logout-all", token);
            if (revoked != HttpStatusCode.NoContent) throw new InvalidOperationException($"logout-all answered {revoked}.");
            var (next, nextAt) = await SendAsync(http, HttpMethod.Get, "/api/users/me", token);
            if (i < 5) continue; // warm-up
            revoke.Add(Stopwatch.GetElapsedTime(started, revokedAt).TotalMilliseconds);
            untilRefused.Add(Stopwatch.GetElapsedTime(revokedAt, nextAt).TotalMilliseconds);
            if (next != HttpStatusCode.Unauthorized) accepted++;
        }

        Console.WriteLine($"iterations: {iterations}");
        Console.WriteLine($"logout-all call: p50 {Percentile(revoke, 50):F2} ms, p99 {Percentile(revoke, 99):F2} ms");
        Console.WriteLine($"revoke response -> old token refused: p50 {Percentile(untilRefused, 50):F2} ms, p99 {Percentile(untilRefused, 99):F2} ms (the next request)");
        Console.WriteLine($"next requests that were NOT refused: {accepted}");
        return accepted == 0 ? 0 : 1;
    }

    internal static async Task<(HttpStatusCode Status, long At)> SendAsync(HttpClient http, HttpMethod method, string url, string token)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return (response.StatusCode, Stopwatch.GetTimestamp());
    }

    internal static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}
