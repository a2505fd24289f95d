using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace TokenVersioning.Infrastructure.Caching;

/// <summary>
/// The cache's index: user id to state, an open-addressing table of references to the states themselves (linear
/// probing, the key compared on the state). A hit reads one slot and the state it points to, where a concurrent
/// dictionary reads a bucket, a node and then the state: one dependent trip to main memory fewer per request at a
/// million users, and 8 bytes per slot instead of a node per entry. Reads take no lock; every write takes one,
/// and a write that needs room publishes a new array, so a reader sees either the old array or the new one, both
/// consistent. A removed state leaves a marker that readers step over, until the next rebuild drops it.
/// </summary>
internal sealed class UserStateTable
{
    private const int MinimumCapacity = 16;

    /// <summary>The marker of a removed entry: compared by reference, never handed out.</summary>
    private static readonly UserState Removed = UserState.Missing(Guid.Empty, 0);

    private readonly Lock _write = new();
    private UserState?[] _slots = new UserState?[MinimumCapacity];
    private int _count;
    private int _used; // slots not null: states and markers. At most half the slots, so that every probe ends.

    public int Count => Volatile.Read(ref _count);

    public bool TryGet(Guid userId, [NotNullWhen(true)] out UserState? state) => Find(Volatile.Read(ref _slots), userId, out state) >= 0;

    /// <summary>
    /// Hints the processor to fetch the state most likely held for the user (the one in its home slot, its key
    /// not compared: that would be the very trip to memory this saves), for a <see cref="TryGet"/> soon after.
    /// </summary>
    public void Prefetch(Guid userId)
    {
        var slots = Volatile.Read(ref _slots);
        var held = Volatile.Read(ref slots[Home(userId, slots.Length - 1)]);
        if (held is not null) held.Prefetch();
    }

    /// <summary>Hints the processor to fetch the user's home slot, for a <see cref="Prefetch"/> soon after.</summary>
    public void PrefetchSlot(Guid userId)
    {
        var slots = Volatile.Read(ref _slots);
        CacheLine.Prefetch(ref slots[Home(userId, slots.Length - 1)]);
    }

    /// <summary>Holds <paramref name="state"/> for its user, in place of whatever was held. True when the user was not held before.</summary>
    public bool Set(UserState state)
    {
        lock (_write)
        {
            var found = Find(_slots, state.UserId, out _);
            if (found >= 0)
            {
                Volatile.Write(ref _slots[found], state);
                return false;
            }

            Insert(state);
            return true;
        }
    }

    /// <summary>Replaces <paramref name="expected"/> by <paramref name="replacement"/> (the same user), if it is still what is held.</summary>
    public bool TryReplace(UserState expected, UserState replacement)
    {
        lock (_write)
        {
            var found = Find(_slots, expected.UserId, out var held);
            if (found < 0 || !ReferenceEquals(held, expected)) return false;
            Volatile.Write(ref _slots[found], replacement);
            return true;
        }
    }

    /// <summary>Drops the user's state, whichever it is.</summary>
    public bool TryRemove(Guid userId) => TryRemove(userId, expected: null);

    /// <summary>Drops <paramref name="state"/>, if it is still what is held for its user.</summary>
    public bool TryRemove(UserState state) => TryRemove(state.UserId, state);

    /// <summary>The states held when the call began, or held since: a view, like a concurrent dictionary's, not a snapshot.</summary>
    public IEnumerable<UserState> States()
    {
        var slots = Volatile.Read(ref _slots);
        for (var i = 0; i < slots.Length; i++)
        {
            var held = Volatile.Read(ref slots[i]);
            if (held is not null && !ReferenceEquals(held, Removed)) yield return held;
        }
    }

    public void Clear()
    {
        lock (_write)
        {
            Volatile.Write(ref _slots, new UserState?[MinimumCapacity]);
            _used = 0;
            Volatile.Write(ref _count, 0);
        }
    }

    private bool TryRemove(Guid userId, UserState? expected)
    {
        lock (_write)
        {
            var found = Find(_slots, userId, out var held);
            if (found < 0 || (expected is not null && !ReferenceEquals(held, expected))) return false;
            Volatile.Write(ref _slots[found], Removed);
            Volatile.Write(ref _count, _count - 1);
            return true;
        }
    }

    private void Insert(UserState state)
    {
        if ((_used + 1) * 2 > _slots.Length) Rebuild(_count + 1);
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = Home(state.UserId, mask);
        while (slots[i] is not null && !ReferenceEquals(slots[i], Removed)) i = (i + 1) & mask;
        if (slots[i] is null) _used++;
        Volatile.Write(ref slots[i], state);
        Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>
    /// A new array of between three and six slots per state, without markers, published whole. Growing and
    /// shrinking both happen here: after a compaction removed most states, the next insertion that needs room
    /// builds a smaller array.
    /// </summary>
    private void Rebuild(int states)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinimumCapacity, states * 3));
        var rebuilt = new UserState?[capacity];
        var mask = capacity - 1;
        foreach (var held in _slots)
        {
            if (held is null || ReferenceEquals(held, Removed)) continue;
            var i = Home(held.UserId, mask);
            while (rebuilt[i] is not null) i = (i + 1) & mask;
            rebuilt[i] = held;
        }

        _used = _count;
        Volatile.Write(ref _slots, rebuilt);
    }

    /// <summary>
    /// The slot that holds the user's state, and the state as read there (lock-free readers must use that read,
    /// not read the slot again); -1 and null when the user is not held.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlined into TryGet: it is the hit's lookup
    private static int Find(UserState?[] slots, Guid userId, out UserState? state)
    {
        var mask = slots.Length - 1;
        for (var i = Home(userId, mask); ; i = (i + 1) & mask)
        {
            var held = Volatile.Read(ref slots[i]);
            if (held is null) break;
            if (!ReferenceEquals(held, Removed) && held.UserId == userId)
            {
                state = held;
                return i;
            }
        }

        state = null;
        return -1;
    }

    // HashCode mixes with a seed drawn per process: user ids are the service's own, but their spread is not the
    // table's to trust (version-7 ids share their leading bits).
    private static int Home(Guid userId, int mask) => HashCode.Combine(userId) & mask;
}
