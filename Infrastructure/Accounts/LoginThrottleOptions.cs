namespace TokenVersioning.Infrastructure.Accounts;

/// <summary>The per-account brake on failed logins (<see cref="LoginThrottle"/>); section <c>RateLimiting</c>.</summary>
public sealed class LoginThrottleOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Switches every rate limit off, this one and the per-client limits of the HTTP layer.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Failed logins one account may take per <see cref="LoginFailureWindow"/>, from anywhere.</summary>
    public int LoginFailuresPerAccount { get; set; } = 10;

    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}
