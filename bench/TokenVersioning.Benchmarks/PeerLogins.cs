using System.Net.Http.Json;
using System.Text.Json;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// <c>peer-logins URL PATH EMAILS_FILE PASSWORD OUT_FILE [CLIENT_ID]</c>: logs every user of EMAILS_FILE in at a
/// peer's login route, 16 at a time, and writes the tokens one per line: JSON <c>{ email, password }</c> →
/// <c>accessToken</c>, or, given CLIENT_ID, an OAuth password grant (form → <c>access_token</c>).
/// </summary>
public static class PeerLogins
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (url, path, emails, password, output) = (args[0], args[1], await File.ReadAllLinesAsync(args[2]), args[3], args[4]);
        var clientId = args.ElementAtOrDefault(5);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var tokens = new string[emails.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, emails.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            using var response = clientId is null
                ? await http.PostAsJsonAsync(path, new { email = emails[i], password }, ct)
                : await http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "password", ["username"] = emails[i], ["password"] = password, ["client_id"] = clientId,
                }), ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            tokens[i] = body.GetProperty(clientId is null ? "accessToken" : "access_token").GetString()!;
        });
        await File.WriteAllLinesAsync(output, tokens);
        Console.WriteLine($"{tokens.Length:N0} tokens from {url}{path}");
        return 0;
    }
}
