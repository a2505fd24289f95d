namespace TokenVersioning.Api.Auth;

/// <summary>Per-client-address limits on the anonymous routes (<see cref="RateLimitPolicies"/>); section <c>RateLimiting</c>.</summary>
public sealed class ClientRateLimitOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Switches the per-client limits off (the sign-in protection has its own switch, <c>SignIn:Enabled</c>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per minute from one client address.</summary>
    public int LoginPerMinutePerClient { get; set; } = 30;

    public int RegisterPerMinutePerClient { get; set; } = 10;

    public int RefreshPerMinutePerClient { get; set; } = 60;
}
