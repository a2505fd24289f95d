namespace TokenVersioning.Domain.Sessions;

/// <summary>One signed-in device. Its refresh tokens rotate; the session id stays.</summary>
public sealed class Session
{
    public const int DeviceNameMaxLength = 100;

    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public string? DeviceName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUsedAt { get; set; }

    /// <summary>Absolute end of the session: login time plus the refresh-token lifetime.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? EndedAt { get; set; }
    public string? EndReason { get; set; }

    /// <summary>The user's <c>SessionEpoch</c> this session belongs to.</summary>
    public long Epoch { get; set; }

    public bool IsActiveAt(DateTimeOffset now, TimeSpan idleTimeout) =>
        EndedAt is null && now < ExpiresAt && now < LastUsedAt + idleTimeout;
}
