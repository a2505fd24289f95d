namespace TokenVersioning.Client;

/// <summary>One scheme's shared state: the verdicts, the stream's confirmation, the checks, the metrics.</summary>
internal sealed class TokenVersioningRuntime(
    TokenVersioningOptions options, VerdictCache cache, StreamConfirmation confirmation, ServiceCheck check, ClientMetrics metrics, TimeProvider time)
{
    public TokenVersioningOptions Options { get; } = options;
    public VerdictCache Cache { get; } = cache;
    public StreamConfirmation Confirmation { get; } = confirmation;
    public ServiceCheck Check { get; } = check;
    public ClientMetrics Metrics { get; } = metrics;
    public TimeProvider Time { get; } = time;

    /// <summary>Whether the event stream is open (for the gauge).</summary>
    public bool Connected { get; set; }

    /// <summary>Cached verdicts may be used: the stream delivered an event or a heartbeat less than MaxStaleness ago.</summary>
    public bool Confirmed => Confirmation.Age < Options.MaxStaleness;
}
