namespace OrleansGateway.Edge.Management.Audit;

/// <summary>Runs <see cref="AuditRecorder.DrainAsync"/> for the edge's lifetime.</summary>
internal sealed class AuditSpoolDrain(AuditRecorder recorder) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => recorder.DrainAsync(stoppingToken);
}
