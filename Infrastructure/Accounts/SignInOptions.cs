namespace TokenVersioning.Infrastructure.Accounts;

/// <summary>Section <c>SignIn</c>: the sign-in protection (<see cref="SignInGuard"/>).</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    public bool Enabled { get; set; } = true;

    /// <summary>Passwords checked for one account, from addresses it has not signed in from, before the first wait.</summary>
    public int FreeFailures { get; set; } = 5;

    /// <summary>The first wait; each further failure doubles it, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A counter with no failure for this long starts again from zero.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>An address that signed in to an account successfully within this window is known to it, and has its own budget.</summary>
    public TimeSpan KnownDeviceWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A known address's own budget of failures before it waits (the same doubling).</summary>
    public int KnownDeviceFreeFailures { get; set; } = 5;
}
