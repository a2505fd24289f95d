using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using TokenVersioning.Api.Problems;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.BearerScheme;

/// <summary>
/// Bearer authentication by token version: <see cref="AccessTokenValidator"/> does the work; this class turns its
/// answer into a principal, or into a 401 problem with the failure's code and an RFC 6750 challenge.
/// </summary>
public sealed class VersionedBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokenValidator validator,
    ProblemWriter problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "VersionedBearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Only a route that asks for a user checks a token: probes, scrapes and anonymous routes cost nothing and
        // move no validation counter.
        if (Context.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is null) return AuthenticateResult.NoResult();
        var result = await validator.ValidateAsync(BearerHeader.TokenOf(Request.Headers.Authorization.ToString()), Context.RequestAborted);
        if (!result.Succeeded)
        {
            Context.Features.Set(new TokenFailureFeature(result.Failure));
            return result.Failure == TokenFailure.Missing
                ? AuthenticateResult.NoResult()
                : AuthenticateResult.Fail(TokenFailureText.Describe(result.Failure));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(TokenPrincipal.Create(result.Token, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Features.Get<TokenFailureFeature>()?.Failure ?? TokenFailure.Missing;
        var description = TokenFailureText.Describe(failure);
        // RFC 6750 §3.1: a request that sent no token gets the bare challenge, with no error code.
        Response.Headers.WWWAuthenticate = failure == TokenFailure.Missing
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{description}\"";
        return problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, failure.Code(), "Unauthorized", description);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        problems.WriteAsync(Context, StatusCodes.Status403Forbidden, ProblemWriter.ForbiddenCode, "Forbidden", "Your role does not allow this.");

    private sealed record TokenFailureFeature(TokenFailure Failure);
}
