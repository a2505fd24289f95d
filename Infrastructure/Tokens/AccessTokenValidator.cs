using System.Diagnostics;
using Jose;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Telemetry;

namespace TokenVersioning.Infrastructure.Tokens;

/// <summary>
/// The per-request check of docs/design.md, in its order: cheap shape checks, header, unverified claims, cached user
/// state, version and status, signature (jose-jwt, algorithm pinned), then time, issuer and audience.
/// </summary>
public sealed class AccessTokenValidator
{
    private readonly SigningKeyRing _keys;
    private readonly UserStateCache _cache;
    private readonly TimeProvider _time;
    private readonly AccessTokenReader _reader;
    private readonly int _maxTokenLength;
    private readonly long _skewSeconds;

    private readonly TokenVersioningMetrics? _metrics;

    /// <param name="metrics">Where validations are counted and timed; none (in unit tests and one benchmark row): not recorded.</param>
    public AccessTokenValidator(
        SigningKeyRing keys, UserStateCache cache, IOptions<TokenOptions> options, TimeProvider time, TokenVersioningMetrics? metrics = null)
    {
        _metrics = metrics;
        var value = options.Value;
        _keys = keys;
        _cache = cache;
        _time = time;
        _reader = new AccessTokenReader(keys, value.Issuer, value.Audience, cache.PrefetchSlot);
        _maxTokenLength = value.MaxTokenLength;
        _skewSeconds = (long)value.ClockSkew.TotalSeconds;
    }

    /// <summary>Checks one access token: its text alone, no scheme (an empty one is <see cref="TokenFailure.Missing"/>).</summary>
    /// <param name="token">The token's characters, for example <see cref="BearerHeader.TokenOf"/> of a request's header.</param>
    public ValueTask<TokenValidationResult> ValidateAsync(ReadOnlyMemory<char> token, CancellationToken ct) =>
        ValidateAsync(token, withJwtId: false, ct);

    /// <param name="token">The token's characters.</param>
    /// <param name="withJwtId">Also hand out the token's <c>jti</c> (<see cref="AccessTokenClaims.JwtId"/>), read in the same pass.</param>
    /// <param name="ct">Cancels the user state's read, if there is one.</param>
    public async ValueTask<TokenValidationResult> ValidateAsync(ReadOnlyMemory<char> token, bool withJwtId, CancellationToken ct)
    {
        if (_metrics is null) return await CheckAsync(token, withJwtId, ct);
        var started = Stopwatch.GetTimestamp();
        var result = await CheckAsync(token, withJwtId, ct);
        _metrics.Validated(result.Failure.Result(), Stopwatch.GetElapsedTime(started));
        return result;
    }

    private async ValueTask<TokenValidationResult> CheckAsync(ReadOnlyMemory<char> text, bool withJwtId, CancellationToken ct)
    {
        // 1. Shape, before anything costly.
        if (text.IsEmpty) return TokenValidationResult.Fail(TokenFailure.Missing);
        if (text.Length > _maxTokenLength) return TokenValidationResult.Fail(TokenFailure.Invalid);

        // 2-3. Header and unverified claims.
        var claims = _reader.Read(text.Span, withJwtId);
        if (claims is null) return TokenValidationResult.Fail(TokenFailure.Invalid);

        // 4-5. User state: status and version. The state's trip from memory overlaps the token's fingerprint.
        _cache.Prefetch(claims.UserId);
        var fingerprint = TokenFingerprint.Of(text.Span);
        var state = await _cache.GetAsync(claims.UserId, ct);
        if (state.Status == UserStatus.Superseded && claims.Version < state.Version) return TokenValidationResult.Fail(TokenFailure.Revoked);
        if (state.Status == UserStatus.Superseded || (state.Status == UserStatus.Active && claims.Version > state.Version))
        {
            // Newer than what this process knows: the cache may trail a change made elsewhere. Ask once more.
            state = await _cache.ReloadAsync(claims.UserId, ct);
        }

        switch (state.Status)
        {
            case UserStatus.Missing:
                return TokenValidationResult.Fail(TokenFailure.Revoked);
            case UserStatus.Disabled:
                return TokenValidationResult.Fail(TokenFailure.UserDisabled);
        }

        if (claims.Version < state.Version) return TokenValidationResult.Fail(TokenFailure.Revoked);
        if (claims.Version > state.Version) return TokenValidationResult.Fail(TokenFailure.Invalid);

        // 6. Signature, by jose-jwt with the algorithm pinned, under the key derived for this user and version.
        //    A byte-identical token that jose-jwt already verified under this very state keeps its verdict.
        if (!state.WasVerified(fingerprint))
        {
            if (!VerifySignature(text.ToString(), state.KeyFor(claims.KeyId, _keys))) return TokenValidationResult.Fail(TokenFailure.Invalid);
            state.RememberVerified(fingerprint);
        }

        // 7. Lifetime, issuer, audience.
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (claims.Expires + _skewSeconds <= now) return TokenValidationResult.Fail(TokenFailure.Expired);
        if (claims.NotBefore - _skewSeconds > now || claims.IssuedAt - _skewSeconds > now || !claims.IssuerMatches || !claims.AudienceMatches)
            return TokenValidationResult.Fail(TokenFailure.Invalid);
        return new TokenValidationResult(TokenFailure.None, claims);
    }

    private static bool VerifySignature(string token, byte[] key)
    {
        try
        {
            JWT.DecodeBytes(token, key, JwsAlgorithm.HS256);
            return true;
        }
        catch (JoseException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
