using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TokenVersioning.Api.Tests.Support;

/// <summary>
/// What EF Core sends to the database within one flow of a test (its diagnostic events, which every context in
/// the process raises): each command's first word and each transaction, in order. Only the flow that called
/// <see cref="Record"/> is recorded, so the poller and other tests' requests do not show.
/// </summary>
public sealed class DatabaseCalls : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly AsyncLocal<DatabaseCalls?> Current = new();

    private readonly ConcurrentQueue<string> _recorded = new();
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];

    private DatabaseCalls() => _subscription = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Runs <paramref name="work"/> and returns what it sent: <c>SELECT</c>, <c>INSERT</c>, … and <c>BEGIN</c>, <c>COMMIT</c>.</summary>
    public static async Task<IReadOnlyList<string>> Record(Func<Task> work)
    {
        using var calls = new DatabaseCalls();
        Current.Value = calls;
        try
        {
            await work();
        }
        finally
        {
            Current.Value = null;
        }

        return [.. calls._recorded];
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_listeners) _listeners.Add(listener.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (Current.Value != this) return; // another flow, or another recording's subscription
        if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData command)
            _recorded.Enqueue(FirstWord(command.Command.CommandText));
        else if (e.Key == RelationalEventId.TransactionStarted.Name) _recorded.Enqueue("BEGIN");
        else if (e.Key == RelationalEventId.TransactionCommitted.Name) _recorded.Enqueue("COMMIT");
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners) _listeners.ForEach(l => l.Dispose());
    }

    private static string FirstWord(string sql)
    {
        var text = sql.TrimStart();
        var end = text.IndexOfAny([' ', '\n', '\r', '\t']);
        return (end < 0 ? text : text[..end]).ToUpperInvariant();
    }
}
