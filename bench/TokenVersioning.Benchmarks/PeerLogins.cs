using System.Net.Http.Json;
using System.Text.Json;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// <c>peer-logins URL PATH EMAILS_FILE PASSWORD OUT_FILE</c>: logs every user of EMAILS_FILE in at a peer's login
/// route (<c>{ email, password }</c> → <c>accessToken</c>), 16 at a time, and writes the tokens one per line.
/// </summary>
public static class PeerLogins
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (url, path, emails, password, output) = (args[0], args[1], await File.ReadAllLinesAsync(args[2]), args[3], args[4]);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var tokens = new string[emails.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, emails.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var response = await http.PostAsJsonAsync(path, new { email = emails[i], password }, ct);
            response.EnsureSuccessStatusCode();
            tokens[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString()!;
        });
        await File.WriteAllLinesAsync(output, tokens);
        Console.WriteLine($"{tokens.Length:N0} tokens from {url}{path}");
        return 0;
    }
}
