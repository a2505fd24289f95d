using Microsoft.Extensions.Options;
using TokenVersioning.Infrastructure.Persistence;

namespace TokenVersioning.Api.Deadlines;

/// <summary>
/// Bounds what a request may wait for the database: <c>Database:Timeout</c> after it starts, its cancellation
/// token fires, and if that is what ended it, the answer is a 503 rather than a hang. Connection and command
/// timeouts bound each call; this bounds the request as a whole. Real time, not the injected clock: it guards
/// real I/O.
/// </summary>
internal sealed class DatabaseDeadlineMiddleware(RequestDelegate next, IOptions<DatabaseOptions> options)
{
    private readonly TimeSpan _timeout = options.Value.Timeout;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<LongRunningAttribute>() is not null)
        {
            await next(context);
            return;
        }

        var aborted = context.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(_timeout);
        context.RequestAborted = deadline.Token;
        try
        {
            await next(context);
        }
        catch (OperationCanceledException e) when (deadline.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            throw new DatabaseUnavailableException("The request ran past Database:Timeout.", e);
        }
        finally
        {
            context.RequestAborted = aborted;
        }
    }
}
