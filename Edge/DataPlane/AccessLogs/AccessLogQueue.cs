using System.Diagnostics.Metrics;
using System.Threading.Channels;

namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>
/// The bounded hand-off between requests and the <see cref="AccessLogWriter"/>. A request never
/// waits for a log line to be written: when the queue is full the line is dropped and counted
/// (<c>gateway.access_log.dropped</c> on the <c>OrleansGateway.Edge</c> meter).
/// </summary>
internal sealed class AccessLogQueue : IDisposable
{
    /// <summary>The meter the dropped-line counter belongs to.</summary>
    public const string MeterName = "OrleansGateway.Edge";

    /// <summary>The counter of dropped lines.</summary>
    public const string DroppedCounterName = "gateway.access_log.dropped";

    private readonly Channel<AccessLogLine> _channel;
    private readonly Meter _meter;
    private readonly Counter<long> _dropped;
    private long _droppedTotal;

    public AccessLogQueue(int capacity, IMeterFactory? meters = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _dropped = _meter.CreateCounter<long>(DroppedCounterName, "{line}", "Access-log lines dropped because the queue was full.");
        _channel = Channel.CreateBounded<AccessLogLine>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => OnDropped());
    }

    /// <summary>Lines dropped since start.</summary>
    public long DroppedTotal => Interlocked.Read(ref _droppedTotal);

    /// <summary>The writer's end.</summary>
    public ChannelReader<AccessLogLine> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="line"/>, or drops it when full; never blocks.</summary>
    public void Enqueue(AccessLogLine line) => _channel.Writer.TryWrite(line);

    /// <summary>No more lines (shutdown).</summary>
    public void Complete() => _channel.Writer.TryComplete();

    public void Dispose() => _meter.Dispose();

    private void OnDropped()
    {
        Interlocked.Increment(ref _droppedTotal);
        _dropped.Add(1);
    }
}
