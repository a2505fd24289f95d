using System.Collections.Concurrent;
using TokenVersioning.Infrastructure.Caching;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>
/// The real database-backed source, with a hook to hold one load open after it has read the database, and a
/// count of the loads per user.
/// </summary>
internal sealed class GatedUserStateSource(DbUserStateSource inner) : IUserStateSource
{
    private readonly ConcurrentDictionary<Guid, Hold> _holds = new();
    private readonly ConcurrentDictionary<Guid, int> _loads = new();
    private readonly ConcurrentDictionary<Guid, int> _checks = new();

    public int LoadsOf(Guid userId) => _loads.GetValueOrDefault(userId);

    public int TotalLoads => _loads.Values.Sum();

    public Hold HoldNextLoad(Guid userId) => _holds[userId] = new Hold();

    public async Task<UserState> LoadAsync(Guid userId, CancellationToken ct)
    {
        _loads.AddOrUpdate(userId, 1, (_, n) => n + 1);
        var state = await inner.LoadAsync(userId, ct);
        if (_holds.TryRemove(userId, out var hold))
        {
            hold.Entered.TrySetResult(state.Version);
            await hold.Released.Task;
        }

        return state;
    }

    /// <summary>How many checks have read this user's row.</summary>
    public int ChecksOf(Guid userId) => _checks.GetValueOrDefault(userId);

    public Task<IReadOnlyList<UserRow>> ReadRowsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        foreach (var id in userIds) _checks.AddOrUpdate(id, 1, (_, n) => n + 1);
        return inner.ReadRowsAsync(userIds, ct);
    }

    public sealed class Hold
    {
        /// <summary>Completes, with the version read, once the held load has read the database.</summary>
        public TaskCompletionSource<long> Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => Released.TrySetResult();
    }
}
