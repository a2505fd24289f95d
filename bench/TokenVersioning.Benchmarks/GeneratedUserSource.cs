using System.Security.Cryptography;
using TokenVersioning.Infrastructure.Caching;
using TokenVersioning.Infrastructure.Tokens;

namespace TokenVersioning.Benchmarks;

/// <summary>
/// Every user exists at version 1 with a salt derived from their id (<see cref="SaltOf"/>), so tokens can be issued
/// for them without a database; counts the reads the cache asks for.
/// </summary>
internal sealed class GeneratedUserSource(SigningKeyRing keys, TimeProvider? time = null) : IUserStateSource
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private long _loads;
    private long _rowReads;
    private long _rows;

    public long Loads => Interlocked.Read(ref _loads);
    public long RowReads => Interlocked.Read(ref _rowReads);
    public long Rows => Interlocked.Read(ref _rows);

    public static byte[] SaltOf(Guid userId) => SHA256.HashData(userId.ToByteArray());

    public Task<UserState> LoadAsync(Guid userId, CancellationToken ct)
    {
        Interlocked.Increment(ref _loads);
        return Task.FromResult(UserState.Create(userId, 1, false, SaltOf(userId), keys, _time.GetTimestamp()));
    }

    public Task<IReadOnlyList<UserRow>> ReadRowsAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        Interlocked.Increment(ref _rowReads);
        Interlocked.Add(ref _rows, userIds.Count);
        return Task.FromResult<IReadOnlyList<UserRow>>(userIds.Select(id => new UserRow(id, 1, false, SaltOf(id))).ToList());
    }
}
