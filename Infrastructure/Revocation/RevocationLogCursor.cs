namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>
/// Which revocation log entries a node has applied: every sequence up to <see cref="Floor"/>, plus those seen
/// above it. A missing sequence just above the floor holds the floor back (its transaction may still commit)
/// until it has been missing for <paramref name="gapTimeout"/>; then it is taken for a rolled-back one.
/// </summary>
internal sealed class RevocationLogCursor(TimeSpan gapTimeout, TimeProvider time)
{
    private readonly SortedSet<long> _seenAboveFloor = [];
    private long? _gapSince;

    public long Floor { get; private set; }

    public bool Started { get; private set; }

    public void Start(long floor)
    {
        Floor = floor;
        Started = true;
    }

    /// <summary>Whether the entry is new to this node (and so must be applied).</summary>
    public bool MarkSeen(long sequence) => sequence > Floor && _seenAboveFloor.Add(sequence);

    public void Advance()
    {
        while (_seenAboveFloor.Count > 0)
        {
            var next = _seenAboveFloor.Min;
            if (next == Floor + 1)
            {
                _seenAboveFloor.Remove(next);
                Floor = next;
                _gapSince = null;
                continue;
            }

            _gapSince ??= time.GetTimestamp();
            if (time.GetElapsedTime(_gapSince.Value) < gapTimeout) return;
            Floor = next - 1; // the missing sequences never committed
            _gapSince = null;
        }
    }
}
