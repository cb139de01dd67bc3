using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansGateway.Edge.DataPlane.AccessLogs;

namespace OrleansGateway.Tests.AccessLogs;

/// <summary>The queue and writer: a slow destination costs dropped lines, counted, never a waiting request.</summary>
public sealed class AccessLogQueueTests
{
    private sealed class BlockedSink : IAccessLogSink
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource FirstWrite { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<string> Lines { get; } = [];

        public async ValueTask WriteAsync(string line, CancellationToken cancellationToken)
        {
            FirstWrite.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            Lines.Add(line);
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_full_queue_drops_and_counts_lines_instead_of_blocking_and_writes_the_rest_once_the_sink_recovers()
    {
        long measured = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AccessLogQueue.MeterName && instrument.Name == AccessLogQueue.DroppedCounterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref measured, value));
        listener.Start();

        using var queue = new AccessLogQueue(capacity: 2);
        var sink = new BlockedSink();
        using var writer = new AccessLogWriter(queue, new AccessLogDestinations(new Dictionary<string, IAccessLogSink> { ["g"] = sink }),
            TimeProvider.System, NullLogger<AccessLogWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);

        queue.Enqueue(new AccessLogLine("g", "line-0"));
        await sink.FirstWrite.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();
        for (var i = 1; i <= 100; i++)
        {
            queue.Enqueue(new AccessLogLine("g", $"line-{i}"));
        }
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"enqueueing took {clock.Elapsed}");
        Assert.Equal(98, queue.DroppedTotal);
        Assert.Equal(98, Interlocked.Read(ref measured));

        sink.Release.SetResult();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (sink.Lines.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(["line-0", "line-1", "line-2"], sink.Lines);
    }

    [Fact]
    public async Task Lines_for_a_log_group_without_a_destination_are_discarded_and_the_writer_keeps_going()
    {
        using var queue = new AccessLogQueue(capacity: 10);
        var sink = new BlockedSink();
        sink.Release.SetResult();
        using var writer = new AccessLogWriter(queue, new AccessLogDestinations(new Dictionary<string, IAccessLogSink> { ["g"] = sink }),
            TimeProvider.System, NullLogger<AccessLogWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);

        queue.Enqueue(new AccessLogLine("unknown", "lost"));
        queue.Enqueue(new AccessLogLine("g", "kept"));
        await sink.FirstWrite.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(["kept"], sink.Lines);
    }
}
