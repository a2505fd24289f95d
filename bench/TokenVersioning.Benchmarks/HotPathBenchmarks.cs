using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using StackExchange.Redis;
using TokenVersioning.Api.BearerScheme;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Persistence;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// The cost of accepting one access token, ours against what users would otherwise pick, in one run.
/// Needs BENCH_REDIS (host:port) and BENCH_POSTGRES (Npgsql connection string); scripts/bench.sh starts both.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(HotPathConfig))]
public class HotPathBenchmarks
{
    private const int MissUsers = 256;

    private BenchHost _sqlite = null!;
    private BenchHost _postgres = null!;
    private AccessTokenValidator _validator = null!;
    private AccessTokenValidator _unmetered = null!;
    private UserStateCache _cache = null!;
    private string _ourHeader = null!;
    private string _forgedHeader = null!;
    private Guid[] _missUsers = null!;
    private string[] _missHeaders = null!;
    private int _next;

    private string _statelessToken = null!;
    private Guid _userId;
    private Guid _pgUserId;
    private JsonWebTokenHandler _handler = null!;
    private TokenValidationParameters _parameters = null!;
    private string _handlerToken = null!;
    private ConnectionMultiplexer _redis = null!;
    private IDatabase _redisDb = null!;
    private AppDbContext _sqliteDb = null!;
    private AppDbContext _postgresDb = null!;
    private AsyncServiceScope _sqliteScope;
    private AsyncServiceScope _postgresScope;

    private static readonly Func<AppDbContext, Guid, Task<long>> VersionOf =
        EF.CompileAsyncQuery((AppDbContext db, Guid id) => db.Users.Where(u => u.Id == id).Select(u => u.TokenVersion).First());

    private HMACSHA256 _hmac = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _sqlite = await BenchHost.StartAsync("Sqlite");
        var ids = await _sqlite.SeedUsersAsync(MissUsers + 1);
        _userId = ids[0];
        _validator = _sqlite.Services.GetRequiredService<AccessTokenValidator>();
        // The same check with no metrics recorded, to show what the meter costs.
        var services = _sqlite.Services;
        var unmeteredCache = new UserStateCache(services.GetRequiredService<IUserStateSource>(), TimeProvider.System,
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RevocationCacheOptions>>(), services.GetRequiredService<RevocationConfirmation>());
        _unmetered = new AccessTokenValidator(services.GetRequiredService<SigningKeyRing>(), unmeteredCache,
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TokenOptions>>(), TimeProvider.System);
        _cache = _sqlite.Services.GetRequiredService<UserStateCache>();
        _ourHeader = "Bearer " + await _sqlite.IssueAsync(_userId);
        _missUsers = ids.Skip(1).ToArray();
        _missHeaders = await Task.WhenAll(_missUsers.Select(async id => "Bearer " + await _sqlite.IssueAsync(id)));
        if ((await Ours(_ourHeader)) is null) throw new InvalidOperationException("Our token does not validate.");
        var unmeteredCheck = await _unmetered.ValidateAsync(BearerHeader.TokenOf(_ourHeader), CancellationToken.None);
        if (!unmeteredCheck.Succeeded) throw new InvalidOperationException($"Unmetered check refused: {unmeteredCheck.Failure}.");
        _forgedHeader = ForgeVersion(_ourHeader);
        if ((await _validator.ValidateAsync(BearerHeader.TokenOf(_forgedHeader), CancellationToken.None)).Failure != TokenFailure.Invalid)
            throw new InvalidOperationException("The forged token was not refused.");

        _statelessToken = StatelessClaims.Issue(_userId);
        _handler = new JsonWebTokenHandler();
        var key = new SymmetricSecurityKey(StatelessClaims.FixedKey);
        _handlerToken = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BenchHost.Issuer, Audience = BenchHost.Audience, Expires = DateTime.UtcNow.AddMinutes(15),
            Claims = new Dictionary<string, object> { ["sub"] = _userId.ToString(), ["sid"] = Guid.NewGuid().ToString(), ["ver"] = 1, ["role"] = "user" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = BenchHost.Issuer, ValidAudience = BenchHost.Audience, IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256], ClockSkew = TimeSpan.FromSeconds(30),
        };
        if (!(await _handler.ValidateTokenAsync(_handlerToken, _parameters)).IsValid) throw new InvalidOperationException("JsonWebTokenHandler refused.");

        _redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("BENCH_REDIS")
                                                          ?? throw new InvalidOperationException("BENCH_REDIS is not set."));
        _redisDb = _redis.GetDatabase();
        await _redisDb.StringSetAsync("denylist:some-revoked-jti", 1, TimeSpan.FromMinutes(15));

        _sqliteScope = _sqlite.Services.CreateAsyncScope();
        _sqliteDb = _sqliteScope.ServiceProvider.GetRequiredService<AppDbContext>();
        _postgres = await BenchHost.StartAsync("Postgres");
        var pgIds = await _postgres.SeedUsersAsync(1);
        _postgresScope = _postgres.Services.CreateAsyncScope();
        _postgresDb = _postgresScope.ServiceProvider.GetRequiredService<AppDbContext>();
        _pgUserId = pgIds[0];

        var token = _ourHeader["Bearer ".Length..];
        _signingInput = Encoding.ASCII.GetBytes(token[..token.LastIndexOf('.')]);
        _hmac = new HMACSHA256(MasterKey32());
        _signature = new byte[32];
    }

    private static byte[] MasterKey32() => SHA256.HashData("floor"u8);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _sqliteScope.DisposeAsync();
        await _postgresScope.DisposeAsync();
        _redis.Dispose();
        _hmac.Dispose();
        await _sqlite.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    private async ValueTask<ClaimsPrincipal?> Ours(string header)
    {
        var result = await _validator.ValidateAsync(BearerHeader.TokenOf(header), CancellationToken.None);
        return result.Succeeded ? TokenPrincipal.Create(result.Token, "VersionedBearer") : null;
    }

    [Benchmark(Description = "1 ours, cache hit")]
    public ValueTask<ClaimsPrincipal?> OursCacheHit() => Ours(_ourHeader);

    [Benchmark(Description = "1b ours, cache hit, metrics off")]
    public async ValueTask<ClaimsPrincipal?> OursCacheHitUnmetered()
    {
        var result = await _unmetered.ValidateAsync(BearerHeader.TokenOf(_ourHeader), CancellationToken.None);
        return result.Succeeded ? TokenPrincipal.Create(result.Token, "VersionedBearer") : null;
    }

    [Benchmark(Description = "2 ours, cache miss (SQLite)")]
    public ValueTask<ClaimsPrincipal?> OursCacheMiss()
    {
        var i = _next++ % MissUsers;
        _cache.Invalidate(_missUsers[i]);
        return Ours(_missHeaders[i]);
    }

    [Benchmark(Description = "3 stateless jose-jwt")]
    public StatelessClaims? JoseStateless() => StatelessClaims.Validate(_statelessToken);

    [Benchmark(Description = "4 stateless JsonWebTokenHandler")]
    public async Task<ClaimsIdentity?> JsonWebTokenHandlerStateless()
    {
        var result = await _handler.ValidateTokenAsync(_handlerToken, _parameters);
        return result.IsValid ? result.ClaimsIdentity : null;
    }

    [Benchmark(Description = "5 stateless + Redis denylist")]
    public async Task<StatelessClaims?> StatelessWithRedisDenylist()
    {
        var claims = StatelessClaims.Validate(_statelessToken);
        return claims is not null && !await _redisDb.KeyExistsAsync("denylist:" + claims.jti) ? claims : null;
    }

    [Benchmark(Description = "6a stateless + version query (SQLite)")]
    public async Task<StatelessClaims?> StatelessWithSqliteLookup()
    {
        var claims = StatelessClaims.Validate(_statelessToken);
        return claims is not null && await VersionOf(_sqliteDb, _userId) == claims.ver ? claims : null;
    }

    [Benchmark(Description = "6b stateless + version query (PostgreSQL)")]
    public async Task<StatelessClaims?> StatelessWithPostgresLookup()
    {
        var claims = StatelessClaims.Validate(_statelessToken);
        return claims is not null && await VersionOf(_postgresDb, _pgUserId) == claims.ver ? claims : null;
    }

    [Benchmark(Description = "7 floor: one HMAC-SHA256, reused instance")]
    public bool HmacFloor() => _hmac.TryComputeHash(_signingInput, _signature, out _);

    [Benchmark(Description = "8 ours, forged ver rejected by chk")]
    public ValueTask<Infrastructure.Tokens.TokenValidationResult> OursRejectedByCheck() => _validator.ValidateAsync(BearerHeader.TokenOf(_forgedHeader), CancellationToken.None);

    /// <summary>The genuine token with <c>ver</c> raised by one and the rest (chk and signature included) kept.</summary>
    private static string ForgeVersion(string header)
    {
        var parts = header["Bearer ".Length..].Split('.');
        var payload = System.Text.Json.Nodes.JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!;
        payload["ver"] = payload["ver"]!.GetValue<long>() + 1;
        var forged = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return $"Bearer {parts[0]}.{forged}.{parts[2]}";
    }
}
