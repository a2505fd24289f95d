using System.Collections.Concurrent;
using TokenVersioning.Infrastructure.Caching;

namespace TokenVersioning.Api.Tests;

/// <summary>
/// The cache's index against a plain dictionary: seeded random operations, thousands of them, over few enough
/// users that adds, replacements, removals, markers and rebuilds (growing and shrinking) all meet; and readers
/// racing writers, who must never miss a user nobody removes nor see a state never stored.
/// </summary>
public sealed class UserStateTableTests
{
    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 64)]
    [InlineData(3, 1_000)]
    public void Operations_AgreeWithADictionary(int seed, int users)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, users).Select(_ => NewId(random)).ToArray();
        var table = new UserStateTable();
        var model = new Dictionary<Guid, UserState>();
        for (var step = 0; step < 20_000; step++)
        {
            var id = ids[random.Next(ids.Length)];
            var held = model.GetValueOrDefault(id);
            var state = UserState.Missing(id, step, version: step);
            switch (random.Next(6))
            {
                case 0 or 1:
                    Assert.Equal(held is null, table.Set(state));
                    model[id] = state;
                    break;
                case 2:
                    // Sometimes the state held, sometimes a stale one: only the held one may be replaced.
                    var expected = held is not null && random.Next(2) == 0 ? held : UserState.Missing(id, 0);
                    var replaced = table.TryReplace(expected, state);
                    Assert.Equal(held is not null && ReferenceEquals(expected, held), replaced);
                    if (replaced) model[id] = state;
                    break;
                case 3:
                    Assert.Equal(model.Remove(id), table.TryRemove(id));
                    break;
                case 4:
                    var stale = held is not null && random.Next(2) == 0 ? held : UserState.Missing(id, 0);
                    var removed = table.TryRemove(stale);
                    Assert.Equal(held is not null && ReferenceEquals(stale, held), removed);
                    if (removed) model.Remove(id);
                    break;
                default:
                    if (random.Next(500) == 0)
                    {
                        table.Clear();
                        model.Clear();
                    }

                    break;
            }

            var probe = ids[random.Next(ids.Length)];
            Assert.Equal(model.TryGetValue(probe, out var want), table.TryGet(probe, out var got));
            Assert.Same(want, got);
            Assert.Equal(model.Count, table.Count);
        }

        foreach (var id in ids)
        {
            Assert.Equal(model.TryGetValue(id, out var want), table.TryGet(id, out var got));
            Assert.Same(want, got);
        }

        Assert.Equal(model.Values.OrderBy(s => s.UserId), table.States().OrderBy(s => s.UserId));
        // Prefetching any user, held or not, changes nothing.
        foreach (var id in ids.Append(Guid.NewGuid()))
        {
            table.PrefetchSlot(id);
            table.Prefetch(id);
        }

        Assert.Equal(model.Count, table.Count);
    }

    [Fact]
    public async Task Readers_RacingWriters_NeverMissAStableUser_NorSeeAStateNeverStored()
    {
        var table = new UserStateTable();
        var stable = Enumerable.Range(0, 500).Select(_ => UserState.Missing(Guid.NewGuid(), 0)).ToArray();
        var churn = Enumerable.Range(0, 5_000).Select(_ => Guid.NewGuid()).ToArray();
        var stored = new ConcurrentDictionary<UserState, bool>();
        // Stable users among others from the start, so that the writer's removals leave markers in their probes.
        for (var i = 0; i < stable.Length; i++)
        {
            foreach (var id in churn.Skip(i * 10).Take(10))
            {
                var state = UserState.Missing(id, 0);
                stored[state] = true;
                table.Set(state);
            }

            table.Set(stable[i]);
        }

        using var reading = new CountdownEvent(2);
        var done = false;

        // One writer: adds, replaces and removes other users, so that the table grows, fills with markers and is
        // rebuilt, smaller or larger, many times over while the readers read.
        var writer = Task.Run(() =>
        {
            Assert.True(reading.Wait(TimeSpan.FromSeconds(30)), "the readers never started");
            var random = new Random(7);
            for (var round = 0; round < 200; round++)
            {
                foreach (var id in churn.Take(random.Next(churn.Length)))
                {
                    var state = UserState.Missing(id, round, version: round);
                    stored[state] = true;
                    table.Set(state);
                }

                foreach (var id in churn) table.TryRemove(id);
            }

            Volatile.Write(ref done, true);
        });
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            var reads = 0;
            reading.Signal();
            while (!Volatile.Read(ref done))
            {
                var want = stable[random.Next(stable.Length)];
                Assert.True(table.TryGet(want.UserId, out var got), "a user nobody removed was missed");
                Assert.Same(want, got);
                if (table.TryGet(churn[random.Next(churn.Length)], out var other)) Assert.True(stored.ContainsKey(other));
                reads++;
            }

            return reads;
        })).ToArray();

        await writer.WaitAsync(TimeSpan.FromMinutes(2));
        Volatile.Write(ref done, true);
        var counts = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.All(counts, c => Assert.True(c > 0));
        Assert.Equal(stable.Length, table.Count);
    }

    [Fact]
    public void AStatesFields_FitInWhatItsPrefetchCovers()
    {
        // The object's size is what allocating one costs; its fields are that less the header and type pointer.
        GC.KeepAlive(UserState.Missing(Guid.NewGuid(), 0)); // first-call initialisation, not the object
        var before = GC.GetAllocatedBytesForCurrentThread();
        var state = UserState.Missing(Guid.NewGuid(), 0);
        var size = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(state);
        Assert.InRange(size - (2 * IntPtr.Size), 1, UserState.PrefetchedBytes);
    }

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
