using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace TokenVersioning.Benchmarks;

/// <summary>The hot-path run: a short fixed job, and each row as a ratio of the two baselines.</summary>
public sealed class HotPathConfig : ManualConfig
{
    public HotPathConfig()
    {
        AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(12).WithId("HotPath"));
        AddColumn(new RatioColumn(nameof(HotPathBenchmarks.JsonWebTokenHandlerStateless), "vs row 4"));
        AddColumn(new RatioColumn(nameof(HotPathBenchmarks.HmacFloor), "vs row 7"));
    }
}
