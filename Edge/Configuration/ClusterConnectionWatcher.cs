using OrleansGateway.Edge.DataPlane;

namespace OrleansGateway.Edge.Configuration;

/// <summary>
/// Cluster mode: when the client regains the cluster, pushes may have been missed and the
/// observer registration is gone, so the edge catches up at once instead of at the next refresh,
/// and holds data-plane requests until it has. While the cluster is gone entirely it keeps serving
/// the last tables: nothing newer can be known, and refusing traffic would turn a control-plane
/// outage into a data-plane one.
/// </summary>
internal sealed partial class ClusterConnectionWatcher(
    ConfigChangeSignal signal,
    RoutingTableStore routes,
    ILogger<ClusterConnectionWatcher> logger)
    : IClusterConnectionStatusObserver
{
    public void NotifyClusterConnectionLost() => Log.Lost(logger);

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (connectionRecovered || previousNumberOfGateways == 0 && currentNumberOfGateways > 0)
        {
            Log.Recovered(logger, currentNumberOfGateways);
            if (routes.HasSynced)
            {
                routes.BeginCatchUp();
            }
            signal.RequestFullSync();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Lost the cluster; serving the last routing tables until it is back")]
        public static partial void Lost(ILogger logger);

        [LoggerMessage(2, LogLevel.Information, "Cluster connection recovered ({Gateways} gateways); catching up")]
        public static partial void Recovered(ILogger logger, int gateways);
    }
}
