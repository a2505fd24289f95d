namespace TokenVersioning.Client;

/// <summary>What asking the service about one token came to.</summary>
internal abstract record CheckResult
{
    public sealed record Accepted(Verdict Verdict) : CheckResult;

    /// <summary>The service refused the token with this contract code (<c>token_revoked</c>, ...).</summary>
    public sealed record Refused(string Code) : CheckResult;

    /// <summary>No usable answer in time (down, slow, or an answer that was not the contract's): never an acceptance.</summary>
    public sealed record Unavailable(string Why) : CheckResult;
}
