namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>
/// Drains the <see cref="AccessLogQueue"/> into the destinations, off the request path. A failing
/// destination costs its lines (logged), never the loop; an unconfigured log group is warned about once.
/// </summary>
internal sealed partial class AccessLogWriter : BackgroundService
{
    private static readonly TimeSpan DropWarningInterval = TimeSpan.FromMinutes(1);

    private readonly AccessLogQueue _queue;
    private readonly AccessLogDestinations _destinations;
    private readonly TimeProvider _time;
    private readonly ILogger<AccessLogWriter> _logger;
    private readonly HashSet<string> _warnedGroups = new(StringComparer.Ordinal);
    private readonly HashSet<IAccessLogSink> _touched = [];
    private long _droppedReported;
    private DateTimeOffset _lastDropWarning = DateTimeOffset.MinValue;
    private DateTimeOffset _lastFailureWarning = DateTimeOffset.MinValue;

    public AccessLogWriter(AccessLogQueue queue, AccessLogDestinations destinations, TimeProvider time, ILogger<AccessLogWriter> logger)
    {
        _queue = queue;
        _destinations = destinations;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is already queued, then stop.
            await DrainAsync(CancellationToken.None);
        }
        finally
        {
            await _destinations.DisposeAsync();
        }
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (_queue.Reader.TryRead(out var line))
        {
            var sink = _destinations.Find(line.LogGroupName);
            if (sink is null)
            {
                if (_warnedGroups.Add(line.LogGroupName))
                {
                    Log.NoDestination(_logger, line.LogGroupName);
                }
                continue;
            }
            try
            {
                await sink.WriteAsync(line.Text, cancellationToken);
                _touched.Add(sink);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WarnFailure(line.LogGroupName, exception);
            }
        }
        foreach (var sink in _touched)
        {
            try
            {
                await sink.FlushAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                WarnFailure("(flush)", exception);
            }
        }
        _touched.Clear();
        ReportDrops();
    }

    private void ReportDrops()
    {
        var dropped = _queue.DroppedTotal;
        var now = _time.GetUtcNow();
        if (dropped > _droppedReported && now - _lastDropWarning >= DropWarningInterval)
        {
            Log.Dropped(_logger, dropped - _droppedReported, dropped);
            _droppedReported = dropped;
            _lastDropWarning = now;
        }
    }

    private void WarnFailure(string logGroupName, Exception exception)
    {
        var now = _time.GetUtcNow();
        if (now - _lastFailureWarning >= DropWarningInterval)
        {
            _lastFailureWarning = now;
            Log.WriteFailed(_logger, logGroupName, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1701, Level = LogLevel.Warning,
            Message = "Access logs for log group {LogGroupName} are discarded: no Gateway:AccessLogs:Destinations entry names it")]
        public static partial void NoDestination(ILogger logger, string logGroupName);

        [LoggerMessage(EventId = 1702, Level = LogLevel.Warning,
            Message = "{Dropped} access-log lines dropped because the queue was full ({Total} since start); raise Gateway:AccessLogs:QueueCapacity or use a faster destination")]
        public static partial void Dropped(ILogger logger, long dropped, long total);

        [LoggerMessage(EventId = 1703, Level = LogLevel.Warning,
            Message = "Writing access logs for log group {LogGroupName} failed (further failures within a minute are not logged)")]
        public static partial void WriteFailed(ILogger logger, string logGroupName, Exception exception);
    }
}
