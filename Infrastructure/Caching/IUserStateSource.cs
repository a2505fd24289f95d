namespace TokenVersioning.Infrastructure.Caching;

/// <summary>Reads one user's state from the system of record (the database).</summary>
public interface IUserStateSource
{
    Task<UserState> LoadAsync(Guid userId, CancellationToken ct);
}
