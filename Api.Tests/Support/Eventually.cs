using System.Diagnostics;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>A bounded poll: waits for a condition, checking every few milliseconds, and fails past the bound.</summary>
public static class Eventually
{
    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > bound) throw new Xunit.Sdk.XunitException($"{what} within {bound.TotalMilliseconds:F0} ms.");
            await Task.Delay(5);
        }

        return clock.Elapsed;
    }

    public static Task<TimeSpan> TrueAsync(Func<bool> condition, TimeSpan bound, string what) =>
        TrueAsync(() => Task.FromResult(condition()), bound, what);
}
