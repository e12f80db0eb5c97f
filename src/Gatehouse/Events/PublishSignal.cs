namespace Gatehouse.Events;

/// <summary>
/// Wakes the publisher when events were stored, so that it sends them at once instead of polling often.
/// A notification that arrives while the publisher is busy is kept, and ends its next wait at once.
/// </summary>
public sealed class PublishSignal(TimeProvider clock)
{
    private TaskCompletionSource _signal = NewSignal();

    /// <summary>Call after committing new events; cheap, and safe from any thread.</summary>
    public void Notify() => Volatile.Read(ref _signal).TrySetResult();

    /// <summary>Returns when notified or once <paramref name="timeout"/> has passed; throws if cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        var current = Volatile.Read(ref _signal);
        using (var delay = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            await Task.WhenAny(current.Task, Task.Delay(timeout, clock, delay.Token));
            await delay.CancelAsync();
        }

        ct.ThrowIfCancellationRequested();
        if (current.Task.IsCompleted)
        {
            // Events stored after this point notify the new signal; those stored before are read by the lease
            // that follows this wait.
            Interlocked.CompareExchange(ref _signal, NewSignal(), current);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
