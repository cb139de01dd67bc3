using System.Threading.Channels;
using OrleansGateway.Edge.Observability.Metrics;

namespace OrleansGateway.Edge.Observability.ExecutionLogs;

/// <summary>
/// The bounded hand-off between requests and the <see cref="ExecutionLogWriter"/>: a request never
/// waits for its entry to be written; when the queue is full the entry is dropped and counted
/// (<c>gateway.execution_log.dropped</c>).
/// </summary>
internal sealed class ExecutionLogQueue
{
    private readonly Channel<ExecutionLogEntry> _channel;

    public ExecutionLogQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _channel = Channel.CreateBounded<ExecutionLogEntry>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => GatewayMetrics.ExecutionLogDropped());
    }

    /// <summary>The writer's end.</summary>
    public ChannelReader<ExecutionLogEntry> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="entry"/>, or drops it when full; never blocks.</summary>
    public void Enqueue(ExecutionLogEntry entry) => _channel.Writer.TryWrite(entry);

    /// <summary>No more entries (shutdown).</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
