namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>One rendered access-log line on its way to the destination of <paramref name="LogGroupName"/>.</summary>
/// <param name="LogGroupName">The stage's log group.</param>
/// <param name="Text">The line, without a line break.</param>
internal readonly record struct AccessLogLine(string LogGroupName, string Text);
