namespace TokenVersioning.Infrastructure.Caching;

public enum UserStatus : byte
{
    Active,
    Disabled,
    /// <summary>No such user (never existed, or deleted).</summary>
    Missing,
}
