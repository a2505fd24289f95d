using System.Diagnostics.Metrics;

namespace TokenVersioning.Infrastructure.Telemetry;

/// <summary>
/// The service's own instruments, on the meter <c>TokenVersioning</c>, named by OpenTelemetry's conventions. Each
/// records a count or a number and a tag: never a token, a user id, a salt or a hash.
/// </summary>
public sealed class TokenVersioningMetrics
{
    public const string MeterName = "TokenVersioning";

    private readonly Counter<long> _validations;
    private readonly Histogram<double> _validationDuration;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _cacheReads;
    private readonly Counter<long> _cacheChecked;
    private readonly Counter<long> _revocations;
    private readonly Histogram<double> _invalidationDelay;
    private readonly Counter<long> _logins;
    private readonly Counter<long> _refreshes;

    public TokenVersioningMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _validations = meter.CreateCounter<long>("tokenversioning.token.validations", "{validation}",
            "Access tokens checked, by result (ok, token_missing, token_invalid, token_expired, token_revoked, user_disabled).");
        _validationDuration = meter.CreateHistogram<double>("tokenversioning.token.validation.duration", "s",
            "Time to check one access token, by result.");
        _cacheLookups = meter.CreateCounter<long>("tokenversioning.cache.lookups", "{lookup}", "User-state cache lookups, by result (hit, miss).");
        _cacheReads = meter.CreateCounter<long>("tokenversioning.cache.reads", "{read}",
            "Database reads made by the user-state cache, by kind (load: one user read whole on a miss; check: up to 1,000 cached users checked at once).");
        _cacheChecked = meter.CreateCounter<long>("tokenversioning.cache.checked", "{user}",
            "Cached user states checked against the database, by result (unchanged: kept; dropped: the row had changed or gone).");
        _revocations = meter.CreateCounter<long>("tokenversioning.revocations", "{revocation}", "Committed revocations, by event.");
        _invalidationDelay = meter.CreateHistogram<double>("tokenversioning.invalidation.delay", "s",
            "From a revocation's commit to its being applied on this node, by path (local, redis, poll).");
        _logins = meter.CreateCounter<long>("tokenversioning.logins", "{login}", "Logins, by outcome.");
        _refreshes = meter.CreateCounter<long>("tokenversioning.refreshes", "{refresh}", "Refresh-token uses, by outcome.");
        Meter = meter;
    }

    public Meter Meter { get; }

    /// <param name="result"><c>ok</c> or the refusal's code (<c>TokenFailureCodes.Result</c>).</param>
    public void Validated(string result, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("result", result);
        _validations.Add(1, tag);
        _validationDuration.Record(elapsed.TotalSeconds, tag);
    }

    public void CacheLookup(bool hit) => _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void CacheRead(string kind) => _cacheReads.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void CacheChecked(int unchanged, int dropped)
    {
        if (unchanged > 0) _cacheChecked.Add(unchanged, new KeyValuePair<string, object?>("result", "unchanged"));
        if (dropped > 0) _cacheChecked.Add(dropped, new KeyValuePair<string, object?>("result", "dropped"));
    }

    public void Revoked(string evt) => _revocations.Add(1, new KeyValuePair<string, object?>("event", evt));

    public void Invalidated(string path, TimeSpan delay) =>
        _invalidationDelay.Record(Math.Max(0, delay.TotalSeconds), new KeyValuePair<string, object?>("path", path));

    public void Login(string outcome) => _logins.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Refresh(string outcome) => _refreshes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
