using System.Diagnostics.Metrics;
using System.Text;
using OrleansGateway.Edge.Observability;
using OrleansGateway.Edge.Observability.ExecutionLogs;
using OrleansGateway.Edge.Observability.Metrics;
using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Tests.Observability;

/// <summary>Execution-log settings per method, the entry's lines, the body cut and the queue's drops.</summary>
public sealed class ExecutionLogTests
{
    private static StageRecord StageWith(params (string Key, MethodSetting Setting)[] settings) => new(
        "prod", "d1", null, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, false, false, null,
        settings.ToDictionary(s => s.Key, s => s.Setting), null, new Dictionary<string, string>(), null, null);

    [Fact]
    public void AMethodsOwnSettingWinsOverTheStarStarOne()
    {
        var stage = StageWith(
            ("*/*", MethodSetting.Defaults with { LoggingLevel = "ERROR" }),
            ("~1pets~1{id}/GET", MethodSetting.Defaults with { LoggingLevel = "INFO", DataTraceEnabled = true, MetricsEnabled = true }));

        Assert.Equal(new MethodObservability(true, ExecutionLogLevel.Info, true), MethodObservability.For(stage, "/pets/{id}", "GET"));
        Assert.Equal(new MethodObservability(false, ExecutionLogLevel.Error, false), MethodObservability.For(stage, "/pets", "GET"));
    }

    [Fact]
    public void DataTraceNeedsInfoAndNoSettingMeansOff()
    {
        var errorsOnly = StageWith(("*/*", MethodSetting.Defaults with { LoggingLevel = "ERROR", DataTraceEnabled = true }));

        Assert.False(MethodObservability.For(errorsOnly, "/pets", "GET").DataTrace);
        Assert.Same(MethodObservability.Off, MethodObservability.For(StageWith(), "/pets", "GET"));
    }

    [Fact]
    public void TheEntryReadsAsApiGatewaysExecutionLogLines()
    {
        var entry = new ExecutionLogEntry("api1", "prod", "req-1", "ext-1", DateTimeOffset.UnixEpoch, "GET", "/pets/{id}",
            new Dictionary<string, string> { ["id"] = "7" }, "{page=2}", 502, "BAD_GATEWAY", "Internal server error",
            "http://backend/pets/7", 12.4, 15.0, null);

        var lines = ExecutionLogWriter.Format(entry).Split('\n');

        Assert.Equal(
        [
            "(req-1) Extended Request Id: ext-1",
            "(req-1) Starting execution for request: req-1",
            "(req-1) HTTP Method: GET, Resource Path: /pets/{id}",
            "(req-1) Method request path: {id=7}",
            "(req-1) Method request query string: {page=2}",
            "(req-1) Endpoint request URI: http://backend/pets/7",
            "(req-1) Received response. Integration latency: 12 ms",
            "(req-1) Execution failed due to BAD_GATEWAY: Internal server error",
            "(req-1) Method completed with status: 502",
        ], lines);
    }

    [Fact]
    public async Task TheResponseCopyStopsAtTheLimitWhileTheResponseGoesThroughWhole()
    {
        using var real = new MemoryStream();
        await using var capture = new BodyCaptureStream(real, 8);

        await capture.WriteAsync(Encoding.ASCII.GetBytes("hello "));
        capture.Write(Encoding.ASCII.GetBytes("world, more"));

        Assert.Equal("hello world, more", Encoding.ASCII.GetString(real.ToArray()));
        Assert.Equal("hello wo", Encoding.ASCII.GetString(capture.Captured));
        Assert.True(capture.Truncated);
    }

    [Fact]
    public void AFullQueueDropsEntriesAndCountsThem()
    {
        long dropped = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GatewayMetrics.MeterName && instrument.Name == "gateway.execution_log.dropped")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref dropped, value));
        listener.Start();
        var queue = new ExecutionLogQueue(2);
        var entry = new ExecutionLogEntry("api", "prod", "r", "e", DateTimeOffset.UnixEpoch, "GET", "/", new Dictionary<string, string>(),
            "{}", 200, null, null, null, null, 1, null);

        for (var i = 0; i < 5; i++)
        {
            queue.Enqueue(entry);
        }

        // Other tests in this process may drop entries of their own queues at the same time: at least ours.
        Assert.True(Interlocked.Read(ref dropped) >= 3);
        Assert.Equal(2, queue.Reader.Count);
    }
}
