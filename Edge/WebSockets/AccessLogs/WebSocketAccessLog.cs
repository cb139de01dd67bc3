using OrleansGateway.Edge.DataPlane.AccessLogs;
using OrleansGateway.Edge.WebSockets.Routing;

namespace OrleansGateway.Edge.WebSockets.AccessLogs;

/// <summary>
/// Writes WebSocket stages' access-log lines (one per connect, message and disconnect) through the
/// REST side's queue, writer and destinations (<c>Gateway:AccessLogs:Destinations</c>): a line is
/// rendered and queued, never written on the message path. Without a destination it does nothing.
/// </summary>
internal sealed class WebSocketAccessLog(AccessLogQueue? queue, AccessLogDestinations? destinations)
{
    private readonly bool _enabled = queue is not null && destinations is { Any: true };

    /// <summary>Queues the line for <paramref name="entry"/> if <paramref name="stage"/> has an access log.</summary>
    public void Write(CompiledWebSocketStage? stage, WebSocketAccessLogEntry entry)
    {
        if (_enabled && stage?.AccessLog is { } log)
        {
            queue!.Enqueue(new AccessLogLine(log.LogGroupName, log.Format.Render(entry)));
        }
    }
}

/// <summary>A WebSocket stage's access log as served: its compiled format and the log group its lines go to.</summary>
internal sealed record CompiledWebSocketAccessLog(WebSocketAccessLogFormat Format, string LogGroupName)
{
    /// <summary>Null unless the stage has both a format and a CloudWatch Logs log-group ARN.</summary>
    public static CompiledWebSocketAccessLog? From(Grains.Interfaces.WebSockets.WebSocketAccessLogSettings? settings) =>
        settings is { Format: { Length: > 0 } format, DestinationArn: { Length: > 0 } arn } && CompiledAccessLog.ParseLogGroupName(arn) is { } group
            ? new CompiledWebSocketAccessLog(WebSocketAccessLogFormat.Parse(format), group)
            : null;
}
