namespace TokenVersioning.Domain.SignIn;

/// <summary>
/// How long a counter with <paramref name="failures"/> failures (this attempt's included) makes the next attempt
/// wait: nothing for the first <c>free - 1</c>, then <c>baseDelay</c>, doubling with each further failure, at most
/// <c>maxDelay</c>. So exactly <c>free</c> passwords are checked before the first wait, and one per wait after it.
/// </summary>
public static class SignInRule
{
    public static TimeSpan DelayAfter(int failures, int free, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        if (failures < free) return TimeSpan.Zero;
        var doublings = Math.Min(failures - free, 40);
        var delay = baseDelay.TotalSeconds * Math.Pow(2, doublings);
        return delay >= maxDelay.TotalSeconds ? maxDelay : TimeSpan.FromSeconds(delay);
    }

    /// <summary>A counter whose last failure is older than the window starts again from zero.</summary>
    public static int CurrentFailures(SignInCounter counter, DateTimeOffset now, TimeSpan window) =>
        counter.LastFailureAt < now - window ? 0 : counter.Failures;
}
