namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>One access-log destination. Called only from the single <see cref="AccessLogWriter"/>, so sinks need no locking.</summary>
internal interface IAccessLogSink : IAsyncDisposable
{
    /// <summary>Writes one line (a line break is added by the sink where its medium needs one).</summary>
    ValueTask WriteAsync(string line, CancellationToken cancellationToken);

    /// <summary>Called when the queue has been drained: push buffered lines out.</summary>
    ValueTask FlushAsync(CancellationToken cancellationToken);
}
