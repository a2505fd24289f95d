using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Jose;
using Microsoft.Extensions.DependencyInjection;
using TokenVersioning.Api.BearerScheme;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Benchmarks;

/// <summary>Where the time of row 1 goes: each step of the hot path on its own.</summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class BreakdownBenchmarks
{
    private BenchHost _host = null!;
    private AccessTokenReader _reader = null!;
    private UserStateCache _cache = null!;
    private string _token = null!;
    private byte[] _key = null!;
    private AccessTokenClaims _claims = null!;

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithId("Breakdown"));
    }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await BenchHost.StartAsync();
        var id = (await _host.SeedUsersAsync(1))[0];
        _token = await _host.IssueAsync(id);
        _reader = new AccessTokenReader(_host.Services.GetRequiredService<SigningKeyRing>(), BenchHost.Issuer, BenchHost.Audience);
        _cache = _host.Services.GetRequiredService<UserStateCache>();
        _claims = _reader.Read(_token)!;
        var state = await _cache.GetAsync(id, CancellationToken.None);
        _key = state.KeyFor(BenchHost.KeyId, _host.Services.GetRequiredService<SigningKeyRing>());
    }

    [GlobalCleanup]
    public Task CleanupAsync() => _host.DisposeAsync().AsTask();

    [Benchmark(Description = "a read header and claims")]
    public AccessTokenClaims? Read() => _reader.Read(_token);

    [Benchmark(Description = "b cache lookup")]
    public ValueTask<UserState> Lookup() => _cache.GetAsync(_claims.UserId, CancellationToken.None);

    [Benchmark(Description = "c jose-jwt DecodeBytes (the verifier, on a memo miss)")]
    public byte[] JoseDecodeBytes() => JWT.DecodeBytes(_token, _key, JwsAlgorithm.HS256);

    [Benchmark(Description = "d jose-jwt Decode (payload as a string)")]
    public string JoseDecode() => JWT.Decode(_token, _key, JwsAlgorithm.HS256);

    [Benchmark(Description = "e principal")]
    public object Principal() => TokenPrincipal.Create(_claims, "VersionedBearer");
}
