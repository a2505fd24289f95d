namespace TokenVersioning.Infrastructure.Accounts;

public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    public bool Enabled { get; set; } = true;

    /// <summary>Failed logins one account may take per <see cref="LoginFailureWindow"/>, from anywhere.</summary>
    public int LoginFailuresPerAccount { get; set; } = 10;
    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Requests per minute from one client address.</summary>
    public int LoginPerMinutePerClient { get; set; } = 30;
    public int RegisterPerMinutePerClient { get; set; } = 10;
    public int RefreshPerMinutePerClient { get; set; } = 60;
}
