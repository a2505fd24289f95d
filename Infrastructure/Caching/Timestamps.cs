namespace TokenVersioning.Infrastructure.Caching;

internal static class Timestamps
{
    /// <summary>Moves <paramref name="field"/> forward to <paramref name="value"/>, never back, from any thread.</summary>
    public static void RaiseTo(ref long field, long value)
    {
        var current = Volatile.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
