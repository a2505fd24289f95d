namespace TokenVersioning.Infrastructure.Caching;

/// <summary>Reads users' states from the system of record (the database).</summary>
public interface IUserStateSource
{
    /// <summary>One user's whole state, its key derived.</summary>
    Task<UserState> LoadAsync(Guid userId, CancellationToken ct);

    /// <summary>
    /// The rows of the given users that exist, in one read: what a cached state is checked against. A user with no
    /// row is absent from the answer.
    /// </summary>
    Task<IReadOnlyList<UserRow>> ReadRowsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct);
}

/// <summary>What a cached state is derived from: a user's version, status and salt as the database holds them.</summary>
public sealed record UserRow(Guid UserId, long Version, bool Disabled, byte[] Salt);
