using Microsoft.Extensions.Time.Testing;
using TokenVersioning.Infrastructure.Revocation;

namespace TokenVersioning.Api.Tests;

/// <summary>Which log entries a node has applied, when entries commit out of sequence order or never commit.</summary>
public sealed class RevocationLogCursorTests
{
    private static readonly TimeSpan GapTimeout = TimeSpan.FromSeconds(15);
    private readonly FakeTimeProvider _time = new();

    private RevocationLogCursor Cursor(long floor)
    {
        var cursor = new RevocationLogCursor(GapTimeout, _time);
        cursor.Start(floor);
        return cursor;
    }

    [Fact]
    public void AGap_HoldsTheFloorBack_UntilItsEntryArrives_WhichIsThenNew()
    {
        var cursor = Cursor(10);

        Assert.True(cursor.MarkSeen(12));
        cursor.Advance();
        Assert.Equal(10, cursor.Floor);     // 11 may still commit: it is read again on the next poll
        Assert.False(cursor.MarkSeen(12));  // already applied: not applied twice
        Assert.True(cursor.MarkSeen(11));   // the late entry is new and gets applied
        cursor.Advance();

        Assert.Equal(12, cursor.Floor);
    }

    [Fact]
    public void AGapOlderThanTheTimeout_IsTakenForARolledBackTransaction()
    {
        var cursor = Cursor(10);
        cursor.MarkSeen(13);
        cursor.Advance();

        _time.Advance(GapTimeout - TimeSpan.FromSeconds(1));
        cursor.Advance();
        Assert.Equal(10, cursor.Floor);
        _time.Advance(TimeSpan.FromSeconds(2));
        cursor.Advance();

        Assert.Equal(13, cursor.Floor);
    }

    [Fact]
    public void EntriesAtOrBelowTheFloor_AreNotAppliedAgain()
    {
        var cursor = Cursor(10);

        Assert.False(cursor.MarkSeen(10));
        Assert.False(cursor.MarkSeen(3));
        Assert.True(cursor.MarkSeen(11));
    }
}
