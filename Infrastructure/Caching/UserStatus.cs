namespace TokenVersioning.Infrastructure.Caching;

public enum UserStatus : byte
{
    Active,
    Disabled,

    /// <summary>No such user (never existed, or deleted).</summary>
    Missing,

    /// <summary>
    /// Heard from another node (through this node's inbox) that the user's version reached <see cref="UserState.Version"/>, and nothing more: a
    /// token below it is revoked; any other token needs the user read again.
    /// </summary>
    Superseded,
}
