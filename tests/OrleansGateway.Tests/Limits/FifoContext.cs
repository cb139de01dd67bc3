namespace OrleansGateway.Tests.Limits;

/// <summary>
/// Runs work with every continuation queued first-in first-out on one thread, as a busy thread
/// pool runs them: continuations posted while a burst is being issued wait behind the burst.
/// </summary>
internal sealed class FifoContext : SynchronizationContext
{
    private readonly System.Collections.Concurrent.BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];

    public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

    public static async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        var context = new FifoContext();
        var previous = Current;
        SetSynchronizationContext(context);
        Task<T> task;
        try
        {
            task = work();
            while (!task.IsCompleted)
            {
                if (context._queue.TryTake(out var item, TimeSpan.FromMilliseconds(10)))
                {
                    item.Callback(item.State);
                }
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
        return await task;
    }
}
