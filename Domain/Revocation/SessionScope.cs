namespace TokenVersioning.Domain.Revocation;

/// <summary>Which sessions a revoking event ends.</summary>
public enum SessionScope
{
    None,
    /// <summary>The one session the event names.</summary>
    Target,
    AllButTarget,
    All,
}
