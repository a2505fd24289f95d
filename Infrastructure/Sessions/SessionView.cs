namespace TokenVersioning.Infrastructure.Sessions;

/// <summary>One active session as its user (or an administrator) sees it; <see cref="Current"/> marks the caller's own.</summary>
public sealed record SessionView(
    Guid Id,
    string? DeviceName,
    string? Device,
    string? UserAgent,
    DateTimeOffset CreatedAt,
    string? CreatedFrom,
    DateTimeOffset LastUsedAt,
    string? LastUsedFrom,
    DateTimeOffset ExpiresAt,
    bool Current);
