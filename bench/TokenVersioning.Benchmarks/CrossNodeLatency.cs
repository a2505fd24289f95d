using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// <c>crossnode A_URL B_URL ITERATIONS [PROBE_PATH]</c>, against two running nodes of one deployment: per
/// iteration, log in through A, use the token on A and on B (so B caches the user), call logout-all on A, then ask
/// B with the old token at PROBE_PATH (default <c>/api/users/me</c>), request after request, until B refuses it.
/// Reports the time from A's response to B's first refusal (p50, p99, max), how many of B's answers were still
/// 200 before it, and how many trials B had not refused within 5 s (must be 0). The first 50 trials warm both
/// nodes up and are not counted.
/// </summary>
public static class CrossNodeLatency
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(5);
    private const int WarmUp = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var (a, b, iterations) = (new HttpClient { BaseAddress = new Uri(args[0]) }, new HttpClient { BaseAddress = new Uri(args[1]) }, int.Parse(args[2]));
        var probe = args.Length > 3 ? args[3] : "/api/users/me";
        var email = $"crossnode-{Guid.NewGuid():N}@example.com";
        const string password = "cross-node measurement password";
        (await a.PostAsJsonAsync("/api/auth/register", new { email, password })).EnsureSuccessStatusCode();

        var (untilRefused, oneRequest) = (new List<double>(iterations), new List<double>(iterations));
        var (missed, lateAnswers) = (0, 0);
        for (var i = 0; i < iterations + WarmUp; i++)
        {
            var login = await a.PostAsJsonAsync("/api/auth/login", new { email, password });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            foreach (var node in new[] { a, b })
            {
                if ((await RevocationLatency.SendAsync(node, HttpMethod.Get, probe, token)).Status is not (HttpStatusCode.OK or HttpStatusCode.NoContent))
                    throw new InvalidOperationException("A fresh token was refused.");
            }

            // The floor, for comparison: the same two steps with nothing revoked in between.
            var (_, answeredAt) = await RevocationLatency.SendAsync(a, HttpMethod.Get, probe, token);
            var (_, probedAt) = await RevocationLatency.SendAsync(b, HttpMethod.Get, probe, token);

            var (revoked, revokedAt) = await RevocationLatency.SendAsync(a, HttpMethod.Post, "/api/auth/logout-all", token);
            if (revoked != HttpStatusCode.NoContent) throw new InvalidOperationException($"logout-all answered {revoked}.");
            var (refusedAt, accepted) = await FirstRefusalAsync(b, probe, token, revokedAt);
            if (i < WarmUp) continue;
            oneRequest.Add(Stopwatch.GetElapsedTime(answeredAt, probedAt).TotalMilliseconds);
            lateAnswers += accepted;
            if (refusedAt is null) missed++;
            else untilRefused.Add(Stopwatch.GetElapsedTime(revokedAt, refusedAt.Value).TotalMilliseconds);
        }

        Console.WriteLine($"iterations: {iterations}, B probed at {probe}");
        if (untilRefused.Count > 0)
        {
            Console.WriteLine($"A's revoke response -> B's first refusal: p50 {RevocationLatency.Percentile(untilRefused, 50):F2} ms, " +
                              $"p99 {RevocationLatency.Percentile(untilRefused, 99):F2} ms, max {untilRefused.Max():F2} ms");
        }

        Console.WriteLine($"floor, A's response -> B's answer with nothing revoked: p50 {RevocationLatency.Percentile(oneRequest, 50):F2} ms, " +
                          $"p99 {RevocationLatency.Percentile(oneRequest, 99):F2} ms, max {oneRequest.Max():F2} ms");
        Console.WriteLine($"B's answers that still accepted the token, all trials together: {lateAnswers}");
        Console.WriteLine($"trials B had not refused within {GiveUp.TotalSeconds:F0} s: {missed}");
        return missed == 0 ? 0 : 1;
    }

    private static async Task<(long? RefusedAt, int Accepted)> FirstRefusalAsync(HttpClient node, string probe, string token, long since)
    {
        var accepted = 0;
        while (Stopwatch.GetElapsedTime(since) < GiveUp)
        {
            var (status, at) = await RevocationLatency.SendAsync(node, HttpMethod.Get, probe, token);
            if (status == HttpStatusCode.Unauthorized) return (at, accepted);
            if (status is not (HttpStatusCode.OK or HttpStatusCode.NoContent)) throw new InvalidOperationException($"B answered {status}.");
            accepted++;
        }

        return (null, accepted);
    }
}
