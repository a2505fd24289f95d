using TokenVersioning.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TokenVersioning.Domain.Clients;
using TokenVersioning.Domain.Revocation;
using TokenVersioning.Infrastructure.Persistence;
using TokenVersioning.Infrastructure.Revocation;
using TokenVersioning.Infrastructure.Sessions;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Infrastructure.Clients;

/// <summary>
/// RFC 7662 introspection and RFC 7009 revocation for API clients. An access token is checked by the same hot
/// path as any request (no database read on a cache hit); a refresh token by its stored hash. Introspection never
/// changes anything: it is not a use of a refresh token.
/// </summary>
public sealed class OAuthTokenService(
    AccessTokenValidator validator,
    AppDbContext db,
    RevocationService revocation,
    TimeProvider time,
    IOptions<TokenOptions> options)
{
    public const string AccessTokenHint = "access_token";
    public const string RefreshTokenHint = "refresh_token";

    private readonly TokenOptions _options = options.Value;

    public async Task<IntrospectionAnswer> IntrospectAsync(string token, string? hint, ApiClient client, CancellationToken ct)
    {
        // The hint only decides which kind is tried first (RFC 7662 §2.1).
        if (hint == RefreshTokenHint)
            return await RefreshAnswerAsync(token, client, ct) ?? await AccessAnswerAsync(token, client, ct) ?? IntrospectionAnswer.Inactive;
        return await AccessAnswerAsync(token, client, ct) ?? await RefreshAnswerAsync(token, client, ct) ?? IntrospectionAnswer.Inactive;
    }

    /// <summary>Ends the session of a current refresh token or of a still valid access token; anything else changes nothing.</summary>
    public async Task RevokeAsync(string token, string? hint, ApiClient client, CancellationToken ct)
    {
        var target = hint == RefreshTokenHint
            ? await RefreshSessionAsync(token, ct) ?? await AccessSessionAsync(token, ct)
            : await AccessSessionAsync(token, ct) ?? await RefreshSessionAsync(token, ct);
        if (target is not { } session) return;
        // Exactly what DELETE /api/sessions/{id} does to that session; a session no longer active changes nothing.
        await revocation.TryRevokeAsync(new RevocationRequest(session.UserId, RevocationEvent.SessionRevoked, session.SessionId,
            ActorId: client.Id, Reason: $"Revoked by API client {client.ClientId} (RFC 7009).", ActorKind: AuditActorKind.Client), ct);
    }

    private async Task<IntrospectionAnswer?> AccessAnswerAsync(string token, ApiClient client, CancellationToken ct)
    {
        if (await AccessClaimsAsync(token, ct) is not { } claims) return null;
        return new IntrospectionAnswer
        {
            Active = true,
            TokenType = AccessTokenHint,
            Subject = claims.UserId.ToString("D"),
            SessionId = claims.SessionId.ToString("D"),
            Version = claims.Version,
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Expires = claims.Expires,
            IssuedAt = claims.IssuedAt,
            NotBefore = claims.NotBefore,
            JwtId = claims.JwtId,
            Role = claims.Roles.Count == 1 ? claims.Roles[0] : claims.Roles,
            ClientId = client.ClientId,
        };
    }

    private async Task<IntrospectionAnswer?> RefreshAnswerAsync(string token, ApiClient client, CancellationToken ct)
    {
        var current = await CurrentRefreshAsync(token, ct);
        return current is null
            ? null
            : new IntrospectionAnswer
            {
                Active = true,
                TokenType = RefreshTokenHint,
                Subject = current.UserId.ToString("D"),
                SessionId = current.SessionId.ToString("D"),
                Expires = current.ExpiresAt.ToUnixTimeSeconds(),
                ClientId = client.ClientId,
            };
    }

    private async Task<(Guid UserId, Guid SessionId)?> AccessSessionAsync(string token, CancellationToken ct) =>
        await AccessClaimsAsync(token, ct) is { } claims ? (claims.UserId, claims.SessionId) : null;

    /// <summary>
    /// The claims of a valid access token. Only a JWT's shape (three dot-separated parts) reaches the validator: a
    /// refresh token (or any other text) is not a refused access token and must not count as one in
    /// <c>tokenversioning.token.validations</c>, whose <c>token_invalid</c> operators watch for forgeries.
    /// </summary>
    private async Task<AccessTokenClaims?> AccessClaimsAsync(string token, CancellationToken ct)
    {
        if (token.AsSpan().Count('.') != 2) return null;
        var result = await validator.ValidateAsync(token.AsMemory(), withJwtId: true, ct);
        return result.Succeeded ? result.Token : null;
    }

    private async Task<(Guid UserId, Guid SessionId)?> RefreshSessionAsync(string token, CancellationToken ct) =>
        await CurrentRefreshAsync(token, ct) is { } current ? (current.UserId, current.SessionId) : null;

    private sealed record CurrentRefresh(Guid UserId, Guid SessionId, DateTimeOffset ExpiresAt);

    /// <summary>The session of a refresh token that is its session's current one, in an active session of an enabled user.</summary>
    private async Task<CurrentRefresh?> CurrentRefreshAsync(string token, CancellationToken ct)
    {
        if (RefreshTokenValue.TryHash(token) is not { } hash) return null;
        var found = await PresentedRefreshToken.Find(db, hash).Where(t => t.RetiredAt == null).AsNoTracking().SingleOrDefaultAsync(ct);
        if (found is null || !found.IsRefreshableAt(time.GetUtcNow(), _options.SessionIdleTimeout)) return null;
        return new CurrentRefresh(found.Session.UserId, found.Session.Id, found.Session.EndsBy(_options.SessionIdleTimeout));
    }
}
