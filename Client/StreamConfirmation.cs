namespace TokenVersioning.Client;

/// <summary>When the revocation event stream last delivered an event or a heartbeat: the age that bounds every cached verdict.</summary>
internal sealed class StreamConfirmation(TimeProvider time)
{
    private long _at = long.MinValue;

    public void Confirm() => Interlocked.Exchange(ref _at, time.GetTimestamp());

    /// <summary>Since the last confirmation; <see cref="TimeSpan.MaxValue"/> before the first.</summary>
    public TimeSpan Age
    {
        get
        {
            var at = Interlocked.Read(ref _at);
            return at == long.MinValue ? TimeSpan.MaxValue : time.GetElapsedTime(at);
        }
    }
}
