using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TokenVersioning.Client;

/// <summary>
/// Authenticates a bearer token issued by TokenVersioning. A token seen before is decided from memory, while the
/// event stream vouches for it (see <see cref="TokenVersioningRuntime.Confirmed"/>); any other is asked about once.
/// Refusals are the service's own 401 problems; a token that cannot be confirmed in time gets a 503, never an acceptance.
/// </summary>
internal sealed class TokenVersioningHandler(
    IOptionsMonitor<TokenVersioningOptions> options, ILoggerFactory logger, UrlEncoder encoder, IServiceProvider services)
    : AuthenticationHandler<TokenVersioningOptions>(options, logger, encoder)
{
    private const string OutcomeKey = "TokenVersioning.Client.Outcome";

    private TokenVersioningRuntime Runtime => services.GetRequiredKeyedService<TokenVersioningRuntime>(Scheme.Name);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var runtime = Runtime;
        var header = Request.Headers.Authorization;
        if (header.Count == 0) return Refuse(runtime, "token_missing", noResult: true);
        var value = header.Count == 1 ? header[0] : null;
        if (value is null || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Refuse(runtime, "token_missing", noResult: true);
        var token = value.AsSpan(7).Trim();
        if (token.Length == 0) return Refuse(runtime, "token_missing", noResult: true);

        // Garbled text is refused here: it costs the service nothing and never touches the cache.
        if (!TokenFacts.TryRead(token, out var facts)) return Refuse(runtime, "token_invalid");
        if (facts.Expires <= runtime.Time.GetUtcNow().ToUnixTimeSeconds()) return Refuse(runtime, "token_expired");

        var key = TokenKey.Of(token);
        if (runtime.Confirmed && runtime.Cache.Get(key) is { } cached)
        {
            runtime.Metrics.Lookup(hit: true);
            return Accept(runtime, cached);
        }

        runtime.Metrics.Lookup(hit: false);
        switch (await runtime.Check.CheckAsync(token.ToString(), key, facts))
        {
            case CheckResult.Accepted accepted:
                runtime.Cache.Add(key, accepted.Verdict);
                return Accept(runtime, accepted.Verdict);
            case CheckResult.Refused refused:
                return Refuse(runtime, refused.Code);
            default:
                runtime.Metrics.Verdict(Refusals.Unavailable);
                Context.Items[OutcomeKey] = Refusals.Unavailable;
                return AuthenticateResult.Fail("The token service could not confirm the token.");
        }
    }

    private AuthenticateResult Accept(TokenVersioningRuntime runtime, Verdict verdict)
    {
        runtime.Metrics.Verdict("accepted");
        var claims = new List<Claim>(4 + verdict.Roles.Length)
        {
            new(ClaimTypes.NameIdentifier, verdict.UserId.ToString("D")),
            new("sub", verdict.UserId.ToString("D")),
            new("sid", verdict.SessionId.ToString("D")),
            new("ver", verdict.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        foreach (var role in verdict.Roles) claims.Add(new Claim(ClaimTypes.Role, role));
        var identity = new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.NameIdentifier, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private AuthenticateResult Refuse(TokenVersioningRuntime runtime, string code, bool noResult = false)
    {
        Context.Items[OutcomeKey] = code;
        if (noResult) return AuthenticateResult.NoResult();
        runtime.Metrics.Verdict(code);
        return AuthenticateResult.Fail(code);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var outcome = Context.Items[OutcomeKey] as string ?? "token_missing";
        if (outcome == "token_missing") Runtime.Metrics.Verdict(outcome);
        return outcome == Refusals.Unavailable
            ? Refusals.WriteUnavailableAsync(Context)
            : Refusals.WriteUnauthorizedAsync(Context, outcome);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Refusals.WriteForbiddenAsync(Context);
}
