using System.Threading.Channels;
using Gatehouse.Data;

namespace Gatehouse.Events;

/// <summary>
/// Stores what concurrent intake requests bring in one transaction at a time: requests that arrive while a
/// transaction commits wait together for the next one (group commit). SQLite takes one writer at a time, and
/// every commit waits for the disk, so one commit for many requests is what lets the intake keep up; on
/// PostgreSQL it saves round trips and commits just the same. Each request is answered only once the
/// transaction that holds its events has committed.
/// </summary>
public sealed partial class EventWriter(
    IServiceScopeFactory scopes,
    WriteGate gate,
    ILogger<EventWriter> logger) : BackgroundService
{
    // Enough for one transaction to stay short: a few thousand rows commit in milliseconds.
    private const int MaxEventsPerTransaction = 5000;

    private readonly Channel<Pending> _pending = Channel.CreateUnbounded<Pending>(
        new UnboundedChannelOptions { SingleReader = true });

    /// <summary>
    /// Stores <paramref name="write"/>; completes once it is committed, or throws if it could not be.
    /// </summary>
    public Task WriteAsync(EventWrite write)
    {
        var pending = new Pending(write);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The event writer has stopped; the server is shutting down.");
        }

        return pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not the stopping token: the loop ends when StopAsync closes the channel and what it holds is stored.
        // Kestrel has finished its requests by then, so nothing new arrives.
        var batch = new List<Pending>();
        while (await _pending.Reader.WaitToReadAsync(CancellationToken.None))
        {
            var events = 0;
            while (events < MaxEventsPerTransaction && _pending.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events += pending.Write.Queued.Count + pending.Write.Dropped.Count;
            }

            await CommitAsync(batch);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _pending.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        while (_pending.Reader.TryRead(out var left))
        {
            left.Done.TrySetException(new InvalidOperationException("The server stopped before storing the events."));
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            await StoreAsync(batch);
            batch.ForEach(p => p.Done.TrySetResult());
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            // One request's rows can fail the whole transaction (its pixel deleted a moment ago, say): each is
            // stored on its own then, so that only that one fails.
            Log.BatchFailed(logger, exception, batch.Count);
            foreach (var pending in batch)
            {
                await CommitAsync([pending]);
            }
        }
        catch (Exception exception)
        {
            Log.WriteFailed(logger, exception, batch[0].Write.Pixel.PixelId);
            batch[0].Done.TrySetException(exception);
        }
    }

    private async Task StoreAsync(List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatehouseDbContext>();
        using var turn = await gate.EnterAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await EventStore.StoreAsync(db, batch.Select(p => p.Write), CancellationToken.None);
        await transaction.CommitAsync();
    }

    private sealed class Pending(EventWrite write)
    {
        public EventWrite Write { get; } = write;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning,
            "Storing the events of {Requests} requests together failed; storing each on its own",
            EventName = "EventBatchFailed")]
        public static partial void BatchFailed(ILogger logger, Exception exception, int requests);

        [LoggerMessage(2, LogLevel.Error, "Could not store the events of pixel {PixelId}; the sender was told so",
            EventName = "EventWriteFailed")]
        public static partial void WriteFailed(ILogger logger, Exception exception, string pixelId);
    }
}
