namespace OrleansGateway.Edge.Observability.Metrics;

/// <summary>
/// Asks the cluster for its active silos every <see cref="Interval"/> so the membership gauge never
/// calls a grain from inside an exporter's collection.
/// </summary>
internal sealed partial class ClusterMembershipProbe(IGrainFactory grains, ILogger<ClusterMembershipProbe> logger) : BackgroundService
{
    /// <summary>How often the silo count is refreshed.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private int _activeSilos = -1;

    /// <summary>Active silos at the last successful probe; null before one succeeded.</summary>
    public int? ActiveSilos => Volatile.Read(ref _activeSilos) is var count and >= 0 ? count : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
                Volatile.Write(ref _activeSilos, hosts.Count);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Not connected yet, or the cluster is unreachable: keep the last count.
                Log.ProbeFailed(logger, exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "Cluster membership probe failed ({Error}); the silo gauge keeps its last value")]
        public static partial void ProbeFailed(ILogger logger, string error);
    }
}
