using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TokenVersioning.Api.Tests.Support;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Api.Tests.Hostile;

/// <summary>
/// The validator on its own, against generated hostile input (seeded, so every run checks the same cases and a
/// failure names the case). Properties: it never throws, it accepts nothing but a genuine token byte for byte,
/// and nothing but a genuine token makes it read a user's state from the source.
/// </summary>
public sealed class TokenValidatorProperties
{
    private const ulong Seed = 20261123;
    private const int GeneratedCases = 100_000;

    private static readonly Guid KnownUser = Guid.Parse(HostileTokens.KnownUser);
    private static readonly Guid OtherUser = Guid.Parse("0b6a2f3e-91c4-4d7e-a5f8-6c2d1e0f9a87");
    private static readonly Guid KnownSession = Guid.Parse(HostileTokens.KnownSession);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly SigningKeyRing _keys;
    private readonly CountingSource _source;
    private readonly UserStateCache _cache;
    private readonly AccessTokenValidator _validator;
    private readonly string[] _genuine;

    public TokenValidatorProperties()
    {
        var options = Options.Create(new TokenOptions
        {
            Issuer = ApiFactory.Issuer,
            SigningKeys =
            [
                new SigningKeyOptions { Id = ApiFactory.OldKeyId, Secret = ApiFactory.OldSecret },
                new SigningKeyOptions { Id = ApiFactory.ActiveKeyId, Secret = ApiFactory.ActiveSecret },
            ],
            ActiveKeyId = ApiFactory.ActiveKeyId,
            MaxTokenLength = 65536, // the most a deployment may allow, so that long segments reach the reader
        });
        _keys = new SigningKeyRing(options);
        _source = new CountingSource(_keys, _time);
        var cacheOptions = Options.Create(new RevocationCacheOptions { MaxStaleness = TimeSpan.MaxValue }); // no poll here: no staleness bound
        _cache = new UserStateCache(_source, _time, cacheOptions, new RevocationConfirmation(_time, cacheOptions));
        _validator = new AccessTokenValidator(_keys, _cache, options, _time);

        var issuer = new AccessTokenIssuer(_keys, options, _time);
        _genuine =
        [
            issuer.Issue(new AccessTokenSubject(KnownUser, KnownSession, 1, CountingSource.SaltOf(KnownUser), ["user"])).Token,
            issuer.Issue(new AccessTokenSubject(KnownUser, Guid.NewGuid(), 1, CountingSource.SaltOf(KnownUser), ["admin", "user"])).Token,
            issuer.Issue(new AccessTokenSubject(OtherUser, Guid.NewGuid(), 1, CountingSource.SaltOf(OtherUser), [])).Token,
            OldKeyToken(),
        ];
    }

    [Fact]
    public async Task GenuineTokens_AreAccepted()
    {
        foreach (var token in _genuine) Assert.True((await ValidateAsync(token)).Succeeded, token);
        Assert.Equal(2, _source.TotalLoads);
    }

    [Fact]
    public async Task GeneratedHostileTokens_NeverThrow_NeverPassUnlessGenuine_NeverReadTheSource()
    {
        await WarmAsync();
        var hostile = new HostileTokens(_genuine, CheckFor).Any;
        var pcg = new PCG(1, Seed);
        for (var i = 0; i < GeneratedCases; i++)
        {
            var token = hostile.Generate(pcg, null, out _);
            await AssertRefusedUnlessGenuineAsync(token, $"case {i} of seed {Seed}");
        }

        Assert.Equal(2, _source.TotalLoads);
    }

    [Fact]
    public async Task EverySingleCharacterEditOfAGenuineToken_IsRefused()
    {
        await WarmAsync();
        var token = _genuine[0];
        for (var i = 0; i <= token.Length; i++)
        {
            foreach (var c in HostileTokens.OddChars)
            {
                await AssertRefusedUnlessGenuineAsync(token[..i] + c + token[Math.Min(i + 1, token.Length)..], $"replace at {i}");
                await AssertRefusedUnlessGenuineAsync(token[..i] + c + token[i..], $"insert at {i}");
            }

            await AssertRefusedUnlessGenuineAsync(token[..i] + token[Math.Min(i + 1, token.Length)..], $"delete at {i}");
        }

        Assert.Equal(2, _source.TotalLoads);
    }

    private async Task AssertRefusedUnlessGenuineAsync(string token, string label)
    {
        TokenValidationResult result;
        try
        {
            result = await ValidateAsync(token);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{label}: the validator threw {e.GetType().Name} on {Escape(token)}: {e.Message}");
        }

        // "Bearer" is followed by one or more spaces (RFC 6750), so spaces around the token are not part of it.
        Assert.True(!result.Succeeded || _genuine.Contains(token.Trim(' ')), $"{label}: accepted a token that was never issued: {Escape(token)}");
    }

    private ValueTask<TokenValidationResult> ValidateAsync(string token) => _validator.ValidateAsync(BearerHeader.TokenOf("Bearer " + token), CancellationToken.None);

    /// <summary>Caches both users' states, so that a later read of the source can only come from a hostile token.</summary>
    private async Task WarmAsync()
    {
        foreach (var token in _genuine) Assert.True((await ValidateAsync(token)).Succeeded);
        Assert.Equal(2, _source.TotalLoads);
    }

    private string OldKeyToken()
    {
        var claims = JsonNode.Parse(HostileTokens.Claims().Replace("\"chk\":\"{chk}\",", "").Replace(",\"chk\":\"{chk}\"", ""))!.AsObject();
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        claims["exp"] = now + 600;
        claims["iat"] = now;
        claims["nbf"] = now;
        var key = _keys.DeriveUserKey(ApiFactory.OldKeyId, CountingSource.SaltOf(KnownUser), KnownUser, 1);
        return TokenForge.Encode(TokenForge.Header(kid: ApiFactory.OldKeyId), claims, key);
    }

    /// <summary>Puts the right <c>chk</c> into a payload with the placeholder, where its claims allow one.</summary>
    private static string CheckFor(string payload)
    {
        string? chk = null;
        try
        {
            if (JsonNode.Parse(payload.Replace("{chk}", "")) is JsonObject claims)
            {
                claims.Remove("chk");
                chk = TokenForge.CheckOf(TokenForge.Header(), claims);
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            // Not JSON to System.Text.Json either: the placeholder stays garbage.
        }

        return payload.Replace("{chk}", chk ?? "not-a-check");
    }

    private static string Escape(string text) =>
        text.Length > 300 ? $"{System.Text.Json.JsonSerializer.Serialize(text[..300])}… ({text.Length} chars)" : System.Text.Json.JsonSerializer.Serialize(text);

    /// <summary>Two known users with fixed salts; counts every read.</summary>
    private sealed class CountingSource(SigningKeyRing keys, TimeProvider time) : IUserStateSource
    {
        private readonly ConcurrentDictionary<Guid, int> _loads = new();

        public int TotalLoads => _loads.Values.Sum();

        public static byte[] SaltOf(Guid userId) => SHA256.HashData(userId.ToByteArray());

        public Task<UserState> LoadAsync(Guid userId, CancellationToken ct)
        {
            _loads.AddOrUpdate(userId, 1, (_, n) => n + 1);
            return Task.FromResult(userId == KnownUser || userId == OtherUser
                ? UserState.Create(userId, 1, false, SaltOf(userId), keys, time.GetTimestamp())
                : UserState.Missing(userId, time.GetTimestamp()));
        }

        public Task<IReadOnlyList<UserRow>> ReadRowsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<UserRow>>(userIds.Where(id => id == KnownUser || id == OtherUser).Select(id => new UserRow(id, 1, false, SaltOf(id))).ToList());
    }
}
