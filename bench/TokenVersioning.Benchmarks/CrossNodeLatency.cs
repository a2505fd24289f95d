using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// <c>crossnode A_URL B_URL ITERATIONS</c>, against two running nodes of one deployment: per iteration, log in
/// through A, use the token on A and on B (so B caches the user), call logout-all on A, then ask B with the old
/// token, request after request, until B refuses it. Reports the time from A's response to B's first refusal
/// (p50, p99, max) and how many trials B had not refused within 5 s (must be 0).
/// </summary>
public static class CrossNodeLatency
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var (a, b, iterations) = (new HttpClient { BaseAddress = new Uri(args[0]) }, new HttpClient { BaseAddress = new Uri(args[1]) }, int.Parse(args[2]));
        var email = $"crossnode-{Guid.NewGuid():N}@example.com";
        const string password = "cross-node measurement password";
        (await a.PostAsJsonAsync("/api/auth/register", new { email, password })).EnsureSuccessStatusCode();

        var untilRefused = new List<double>(iterations);
        var missed = 0;
        for (var i = 0; i < iterations + 5; i++)
        {
            var login = await a.PostAsJsonAsync("/api/auth/login", new { email, password });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            foreach (var node in new[] { a, b })
            {
                if ((await RevocationLatency.SendAsync(node, HttpMethod.Get, "/api/users/me", token)).Status != HttpStatusCode.OK)
                    throw new InvalidOperationException("A fresh token was refused.");
            }

            var (revoked, revokedAt) = await RevocationLatency.SendAsync(a, HttpMethod.Post, "/api/auth/logout-all", token);
            if (revoked != HttpStatusCode.NoContent) throw new InvalidOperationException($"logout-all answered {revoked}.");
            var refusedAt = await FirstRefusalAsync(b, token, revokedAt);
            if (i < 5) continue; // warm-up
            if (refusedAt is null) missed++;
            else untilRefused.Add(Stopwatch.GetElapsedTime(revokedAt, refusedAt.Value).TotalMilliseconds);
        }

        Console.WriteLine($"iterations: {iterations}");
        if (untilRefused.Count > 0)
        {
            Console.WriteLine($"A's revoke response -> B's first refusal: p50 {RevocationLatency.Percentile(untilRefused, 50):F2} ms, " +
                              $"p99 {RevocationLatency.Percentile(untilRefused, 99):F2} ms, max {untilRefused.Max():F2} ms");
        }

        Console.WriteLine($"trials B had not refused within {GiveUp.TotalSeconds:F0} s: {missed}");
        return missed == 0 ? 0 : 1;
    }

    private static async Task<long?> FirstRefusalAsync(HttpClient node, string token, long since)
    {
        while (Stopwatch.GetElapsedTime(since) < GiveUp)
        {
            var (status, at) = await RevocationLatency.SendAsync(node, HttpMethod.Get, "/api/users/me", token);
            if (status == HttpStatusCode.Unauthorized) return at;
            if (status != HttpStatusCode.OK) throw new InvalidOperationException($"B answered {status}.");
        }

        return null;
    }
}
