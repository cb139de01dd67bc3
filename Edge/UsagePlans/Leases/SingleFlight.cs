namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// At most one run of an asynchronous operation at a time: callers that arrive while it runs get
/// the run in progress. A lease's renewal goes through one, so a burst of requests that all find
/// the lease low makes one grain call, not one each.
/// </summary>
internal sealed class SingleFlight
{
    private readonly Lock _gate = new();
    private Task? _current;

    /// <summary>True while a run has not completed.</summary>
    public bool IsRunning => Volatile.Read(ref _current) is { IsCompleted: false };

    /// <summary>The run in progress, or a new run of <paramref name="operation"/> on <paramref name="state"/>.</summary>
    /// <remarks>A static lambda and explicit state keep the common path (a run already in progress) free of allocations.</remarks>
    public Task Run<TState>(Func<TState, Task> operation, TState state)
    {
        var current = Volatile.Read(ref _current);
        if (current is { IsCompleted: false })
        {
            return current;
        }
        lock (_gate)
        {
            if (_current is { IsCompleted: false })
            {
                return _current;
            }
            var started = operation(state);
            if (!started.IsCompleted)
            {
                Volatile.Write(ref _current, started);
                // Let go of a finished run: a lease lives for minutes in gen 2, and a run it kept
                // until the next one (with 100,000 cold keys, one per request) lived long enough to
                // be promoted, the survival that lengthened the edge's collections
                // (docs/limits-scale.md).
                started.ContinueWith(static (run, flight) => ((SingleFlight)flight!).Forget(run), this,
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            return started;
        }
    }

    private void Forget(Task run) => Interlocked.CompareExchange(ref _current, null, run);
}
