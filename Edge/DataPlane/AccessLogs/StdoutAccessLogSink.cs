namespace OrleansGateway.Edge.DataPlane.AccessLogs;

/// <summary>Writes lines to the process's standard output (<c>stdout</c>), one per line, for container log collectors.</summary>
internal sealed class StdoutAccessLogSink : IAccessLogSink
{
    private readonly TextWriter _out = Console.Out;

    public ValueTask WriteAsync(string line, CancellationToken cancellationToken) => new(_out.WriteLineAsync(line.AsMemory(), cancellationToken));

    public ValueTask FlushAsync(CancellationToken cancellationToken) => new(_out.FlushAsync(cancellationToken));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
