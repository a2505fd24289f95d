using System.Diagnostics.Metrics;

namespace TokenVersioning.Client;

/// <summary>
/// The package's instruments, on the meter <c>TokenVersioning.Client</c>, named like the service's:
/// <c>tokenversioning.client.verdicts</c> (by <c>result</c>: <c>accepted</c> or the refusal's code),
/// <c>tokenversioning.client.cache.lookups</c> (<c>hit</c>, <c>miss</c>), <c>tokenversioning.client.stream.connected</c>
/// (1 while the event stream is open) and <c>tokenversioning.client.confirmation.age</c> (seconds).
/// </summary>
internal sealed class ClientMetrics : IDisposable
{
    public const string MeterName = "TokenVersioning.Client";

    private readonly Meter _meter;
    private readonly Counter<long> _verdicts;
    private readonly Counter<long> _lookups;

    public ClientMetrics(IMeterFactory meters, StreamConfirmation confirmation, Func<bool> connected)
    {
        _meter = meters.Create(MeterName);
        _verdicts = _meter.CreateCounter<long>("tokenversioning.client.verdicts", "{request}", "Requests decided, by result.");
        _lookups = _meter.CreateCounter<long>("tokenversioning.client.cache.lookups", "{lookup}", "Verdict cache lookups, by result.");
        _meter.CreateObservableGauge("tokenversioning.client.stream.connected", () => connected() ? 1 : 0, "{stream}",
            "1 while the revocation event stream is open.");
        _meter.CreateObservableGauge("tokenversioning.client.confirmation.age", () =>
        {
            var age = confirmation.Age;
            return age == TimeSpan.MaxValue ? double.PositiveInfinity : age.TotalSeconds;
        }, "s", "Since the event stream last delivered an event or a heartbeat.");
    }

    public void Verdict(string result) => _verdicts.Add(1, new KeyValuePair<string, object?>("result", result));

    public void Lookup(bool hit) => _lookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void Dispose() => _meter.Dispose();
}
