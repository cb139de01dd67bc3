using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Edge.Management.Alarms;

/// <summary>
/// Every two seconds, hands the closed buckets to the alarms grain. A failed push is dropped and
/// logged (alarms then see less data for that period), never retried into the request path.
/// </summary>
internal sealed partial class AlarmMetricPublisher(AlarmMetricRecorder recorder, IGrainFactory grains, ILogger<AlarmMetricPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var closed = recorder.TakeClosed();
            if (closed.Count == 0)
            {
                continue;
            }
            try
            {
                await grains.GetGrain<IAlarmsGrain>(IAlarmsGrain.Key).PushMetrics(new(closed));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.PushFailed(logger, closed.Count, e);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "Dropped {Buckets} metric buckets: the alarms grain could not be reached.")]
        public static partial void PushFailed(ILogger logger, int buckets, Exception exception);
    }
}
