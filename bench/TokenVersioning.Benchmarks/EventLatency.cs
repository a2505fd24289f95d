using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// <c>events A_URL B_URL ADMIN_EMAIL ADMIN_PASSWORD ITERATIONS</c>: an API client follows the revocation event
/// stream on node B; per trial, logout-all is called on node A. Reports the time from A's response to the
/// matching event's arrival at the client (p50, p99, max).
/// </summary>
public static class EventLatency
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (a, b) = (new HttpClient { BaseAddress = new Uri(args[0]) }, new HttpClient { BaseAddress = new Uri(args[1]), Timeout = Timeout.InfiniteTimeSpan });
        var iterations = int.Parse(args[4]);
        var client = await ApiClientAsync(a, args[2], args[3], "latency");
        var basic = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{client.GetProperty("clientId").GetString()}:{client.GetProperty("clientSecret").GetString()}"));

        var follow = new HttpRequestMessage(HttpMethod.Get, "/api/events/revocations");
        follow.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        using var stream = await b.SendAsync(follow, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.EnsureSuccessStatusCode().Content.ReadAsStreamAsync());

        var email = $"events-{Guid.NewGuid():N}@example.com";
        const string password = "event latency measurement password";
        (await a.PostAsJsonAsync("/api/auth/register", new { email, password })).EnsureSuccessStatusCode();
        var latencies = new List<double>(iterations);
        for (var i = 0; i < iterations + 5; i++)
        {
            var token = await TokenAsync(a, email, password);
            var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout-all");
            logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await a.SendAsync(logout);
            var answeredAt = Stopwatch.GetTimestamp();
            if (response.StatusCode != HttpStatusCode.NoContent) throw new InvalidOperationException($"logout-all answered {response.StatusCode}.");
            var version = i + 2; // the user's version after this trial's bump
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("data: ", StringComparison.Ordinal) &&
                    JsonDocument.Parse(line[6..]).RootElement.GetProperty("tokenVersion").GetInt64() == version)
                    break;
            }

            if (i >= 5) latencies.Add(Stopwatch.GetElapsedTime(answeredAt).TotalMilliseconds);
        }

        Console.WriteLine($"iterations: {iterations}");
        Console.WriteLine($"A's revoke response -> the event on B's stream: p50 {RevocationLatency.Percentile(latencies, 50):F2} ms, " +
                          $"p99 {RevocationLatency.Percentile(latencies, 99):F2} ms, max {latencies.Max():F2} ms");
        return 0;
    }

    /// <summary>An API client created by the admin with these credentials: the answer of <c>POST /api/admin/clients</c>.</summary>
    internal static async Task<JsonElement> ApiClientAsync(HttpClient http, string adminEmail, string adminPassword, string name)
    {
        var create = new HttpRequestMessage(HttpMethod.Post, "/api/admin/clients") { Content = JsonContent.Create(new { name }) };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, adminEmail, adminPassword));
        return await (await http.SendAsync(create)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static async Task<string> TokenAsync(HttpClient http, string email, string password)
    {
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password });
        return (await login.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
