namespace TokenVersioning.Api.Problems;

/// <summary>
/// The shape of every problem answer (RFC 9457 with the contract's <c>code</c> and <c>traceId</c>), as the OpenAPI
/// document declares it; the answers themselves are written by <see cref="AnyAcceptProblemWriter"/>.
/// </summary>
public record Problem
{
    public string? Type { get; init; }
    public required string Title { get; init; }
    public required int Status { get; init; }
    public required string Detail { get; init; }
    public string? Instance { get; init; }

    /// <summary>The stable machine-readable reason; clients act on it (see docs/clients.md).</summary>
    public required string Code { get; init; }

    public required string TraceId { get; init; }
}

/// <summary>A validation problem: <c>code</c> is <c>validation_failed</c>, and <c>errors</c> holds the messages by field.</summary>
public sealed record ValidationProblem : Problem
{
    public required IDictionary<string, string[]> Errors { get; init; }
}
