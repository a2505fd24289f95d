using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace TokenVersioning.Client;

/// <summary>
/// Asks the service about a token it has not seen (<c>GET /api/auth/verify</c>, the gateway check): one call per
/// token however many requests carry it at once, at most <c>MaxConcurrentChecks</c> calls in flight, each bounded by
/// <c>RequestTimeout</c>. Anything but the contract's two answers (204 with the identity headers, 401 with a code) is
/// <see cref="CheckResult.Unavailable"/>: a redirect, a 5xx, a body too large, headers that do not parse.
/// </summary>
internal sealed class ServiceCheck(HttpClient http, TokenVersioningOptions options, OnceLogger log)
{
    private const int MaxProblemBytes = 16 * 1024;

    private static readonly HashSet<string> Codes = ["token_missing", "token_invalid", "token_expired", "token_revoked", "user_disabled"];
    private static readonly ConcurrentDictionary<string, string[]> RoleSets = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<TokenKey, Task<CheckResult>> _inFlight = new();
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentChecks);

    /// <summary>Calls made to the service (for tests and benchmarks).</summary>
    public long Calls => Interlocked.Read(ref _calls);

    private long _calls;

    public Task<CheckResult> CheckAsync(string token, TokenKey key, TokenFacts facts)
    {
        if (_inFlight.TryGetValue(key, out var running)) return running;
        var mine = new TaskCompletionSource<CheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inFlight.TryAdd(key, mine.Task)) return _inFlight.TryGetValue(key, out running) ? running : CheckAsync(token, key, facts);
        _ = RunAsync(token, key, facts, mine);
        return mine.Task;
    }

    private async Task RunAsync(string token, TokenKey key, TokenFacts facts, TaskCompletionSource<CheckResult> result)
    {
        try
        {
            result.SetResult(await AskAsync(token, facts));
        }
        catch (Exception e)
        {
            log.Warn("check", e, "A token check failed unexpectedly; the request gets 503.");
            result.SetResult(new CheckResult.Unavailable("unexpected"));
        }
        finally
        {
            _inFlight.TryRemove(KeyValuePair.Create(key, result.Task));
        }
    }

    private async Task<CheckResult> AskAsync(string token, TokenFacts facts)
    {
        using var deadline = new CancellationTokenSource(options.RequestTimeout);
        try
        {
            if (!await _slots.WaitAsync(options.RequestTimeout, deadline.Token)) return new CheckResult.Unavailable("busy");
        }
        catch (OperationCanceledException)
        {
            return new CheckResult.Unavailable("busy");
        }

        try
        {
            Interlocked.Increment(ref _calls);
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/auth/verify");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return response.StatusCode switch
            {
                HttpStatusCode.NoContent => Accept(response, facts),
                HttpStatusCode.Unauthorized => new CheckResult.Refused(await CodeOfAsync(response, deadline.Token)),
                _ => Unavailable($"the service answered {(int)response.StatusCode}"),
            };
        }
        catch (OperationCanceledException)
        {
            return Unavailable("the service did not answer within RequestTimeout");
        }
        catch (HttpRequestException e)
        {
            log.Warn("unreachable", e, "The token service could not be reached; requests with new tokens get 503.");
            return new CheckResult.Unavailable("unreachable");
        }
        finally
        {
            _slots.Release();
        }
    }

    private CheckResult Unavailable(string why)
    {
        log.Warn(why, null, $"A token check got no usable answer ({why}); the request gets 503.");
        return new CheckResult.Unavailable(why);
    }

    /// <summary>A 204's identity headers, each exactly as the contract writes it, and naming the token's own user.</summary>
    private CheckResult Accept(HttpResponseMessage response, TokenFacts facts)
    {
        if (Single(response, "X-User-Id") is { } user && Guid.TryParseExact(user, "D", out var userId) && userId == facts.UserId
            && Single(response, "X-Session-Id") is { } session && Guid.TryParseExact(session, "D", out var sessionId)
            && Single(response, "X-Token-Version") is { } version
            && long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var tokenVersion) && tokenVersion > 0
            && Single(response, "X-User-Roles") is { Length: <= 1024 } roles && Roles(roles) is { } roleSet)
        {
            return new CheckResult.Accepted(new Verdict(userId, sessionId, tokenVersion, roleSet, facts.Expires));
        }

        return Unavailable("an acceptance without the identity headers");
    }

    private static string? Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) && values.Count() == 1 ? values.First() : null;

    /// <summary>The roles of an acceptance, one shared array per distinct set.</summary>
    private static string[]? Roles(string header)
    {
        if (RoleSets.TryGetValue(header, out var known)) return known;
        var roles = header.Length == 0 ? [] : header.Split(',');
        if (roles.Any(r => r.Length is 0 or > 64 || !r.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-'))) return null;
        return RoleSets.Count < 1000 ? RoleSets.GetOrAdd(header, roles) : roles;
    }

    /// <summary>The code of a 401 problem; a body that is not one (too large, not JSON, an unknown code) is <c>token_invalid</c>.</summary>
    private static async Task<string> CodeOfAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            if (response.Content.Headers.ContentLength > MaxProblemBytes) return "token_invalid";
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[MaxProblemBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), ct)) > 0) length += read;
            if (length == buffer.Length) return "token_invalid";
            using var problem = JsonDocument.Parse(buffer.AsMemory(0, length));
            return problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("code", out var code)
                   && code.ValueKind == JsonValueKind.String && Codes.Contains(code.GetString()!)
                ? code.GetString()!
                : "token_invalid";
        }
        catch (JsonException)
        {
            return "token_invalid";
        }
    }
}
