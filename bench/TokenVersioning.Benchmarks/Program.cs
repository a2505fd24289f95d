using BenchmarkDotNet.Running;

namespace TokenVersioning.Benchmarks;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "seed":
                return await Seeding.RunAsync(args.Skip(1).ToArray());
            case "latency":
                return await RevocationLatency.RunAsync(args.Skip(1).ToArray());
            case "events":
                return await EventLatency.RunAsync(args.Skip(1).ToArray());
            case "crossnode":
                return await CrossNodeLatency.RunAsync(args.Skip(1).ToArray());
            case "memory":
                return await MemoryMeasurement.RunAsync(args.Skip(1).ToArray());
            case "client-latency":
                return await ClientMeasurements.LatencyAsync(args.Skip(1).ToArray());
            case "peer-logins":
                return await PeerLogins.RunAsync(args.Skip(1).ToArray());
            case "sweep":
                return await CacheSweep.RunAsync(args.Skip(1).ToArray());
            case "steady-reads":
                return await SteadyReads.RunAsync(args.Skip(1).ToArray());
            case "client-memory":
                return ClientMeasurements.Memory(args.Skip(1).ToArray());
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
