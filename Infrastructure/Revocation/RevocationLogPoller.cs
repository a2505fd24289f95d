using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Infrastructure.Revocation;

/// <summary>
/// The backstop: every <see cref="RevocationPropagationOptions.PollInterval"/> this node reads the revocation log entries
/// it has not read yet and hands them to the node's inbox (<see cref="NodeRevocations"/>), then confirms. Entries may
/// commit out of sequence order, so a gap below the highest sequence seen is read again on every poll until its
/// entry arrives, or until no transaction can still hold it open.
/// </summary>
internal sealed class RevocationLogPoller(
    IServiceScopeFactory scopes,
    NodeRevocations revocations,
    RevocationLogSignal signal,
    TimeProvider time,
    IOptions<RevocationPropagationOptions> invalidation,
    IOptions<DatabaseOptions> database,
    ILogger<RevocationLogPoller> logger) : BackgroundService
{
    private const int Batch = 1000;

    /// <summary>On start, the entries this far below the newest are read too: one may still have been committing.</summary>
    private const int StartOverlap = 1000;

    private readonly RevocationLogCursor _cursor = new(database.Value.Timeout * 3, time);
    private long _lastPrune = long.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The next poll tries again; until one completes, the confirmation ages and states are re-read.
                logger.LogWarning("Polling the revocation log failed: {Error}", e.GetType().Name);
            }

            try
            {
                await signal.WaitAsync(invalidation.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One poll: read what is new, apply it, confirm.</summary>
    internal async Task PollOnceAsync(CancellationToken ct)
    {
        var startedAt = time.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(database.Value.Timeout);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        if (!_cursor.Started)
        {
            var newest = await db.RevocationLog.MaxAsync(e => (long?)e.Sequence, deadline.Token) ?? 0;
            _cursor.Start(Math.Max(0, newest - StartOverlap));
        }

        while (true)
        {
            var floor = _cursor.Floor;
            var entries = await db.RevocationLog.AsNoTracking()
                .Where(e => e.Sequence > floor)
                .OrderBy(e => e.Sequence)
                .Take(Batch)
                .ToListAsync(deadline.Token);
            foreach (var entry in entries)
            {
                if (_cursor.MarkSeen(entry.Sequence)) revocations.Read(entry);
            }

            _cursor.Advance();
            if (entries.Count < Batch) break;
        }

        revocations.Confirm(startedAt);
        await PruneAsync(db, deadline.Token);
    }

    /// <summary>Deletes entries past the retention, at most once a minute: one short statement on old rows only.</summary>
    private async Task PruneAsync(AppDbContext db, CancellationToken ct)
    {
        var now = time.GetTimestamp();
        if (_lastPrune != long.MinValue && time.GetElapsedTime(_lastPrune, now) < TimeSpan.FromMinutes(1)) return;
        _lastPrune = now;
        var cutoff = time.GetUtcNow() - invalidation.Value.LogRetention;
        await db.RevocationLog.Where(e => e.At < cutoff).ExecuteDeleteAsync(ct);
    }
}
