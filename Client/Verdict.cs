namespace TokenVersioning.Client;

/// <summary>The service's acceptance of one token: whose it is, under which version, with which roles, until when.</summary>
internal sealed class Verdict(Guid userId, Guid sessionId, long version, string[] roles, long expires)
{
    public Guid UserId { get; } = userId;
    public Guid SessionId { get; } = sessionId;
    public long Version { get; } = version;
    public string[] Roles { get; } = roles;

    /// <summary>The token's <c>exp</c> (seconds since 1970): the verdict is not used from then on.</summary>
    public long Expires { get; } = expires;

    /// <summary>Timestamp of the last request that used it: the cache evicts the least recently used first.</summary>
    public long LastUsed { get; set; }
}
