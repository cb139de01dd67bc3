using Microsoft.Extensions.Options;
using OrleansGateway.Edge.DataPlane;

namespace OrleansGateway.Edge.Configuration;

/// <summary>
/// Cluster mode: when the client regains the cluster, pushes may have been missed and the
/// observer registration may be gone, so the edge catches up at once instead of at the next
/// refresh. After an outage longer than <see cref="ConfigSyncOptions.HoldAfterOutageOf"/> it also
/// holds data-plane requests until it has caught up: its tables may be far behind. After a blip —
/// the silo the edge was connected through died and the client moved to another gateway within
/// moments — it keeps serving while it catches up: at most the blip's pushes were missed, and the
/// catch-up itself can take until the dead silo is declared dead (seconds), which must not become
/// seconds of refused traffic. While the cluster is gone entirely it keeps serving the last tables:
/// nothing newer can be known, and refusing traffic would turn a control-plane outage into a
/// data-plane one.
/// </summary>
internal sealed partial class ClusterConnectionWatcher(
    ConfigChangeSignal signal,
    RoutingTableStore routes,
    IOptions<ConfigSyncOptions> options,
    TimeProvider clock,
    ILogger<ClusterConnectionWatcher> logger)
    : IClusterConnectionStatusObserver
{
    private const long Connected = -1;

    // When the edge last had no gateway (monotonic timestamp), or Connected.
    private long _lostAt = Connected;

    public void NotifyClusterConnectionLost()
    {
        MarkLost();
        Log.Lost(logger);
    }

    public void NotifyGatewayCountChanged(int currentNumberOfGateways, int previousNumberOfGateways, bool connectionRecovered)
    {
        if (currentNumberOfGateways == 0)
        {
            MarkLost();
            return;
        }
        if (connectionRecovered || previousNumberOfGateways == 0)
        {
            var lostAt = Interlocked.Exchange(ref _lostAt, Connected);
            // Recovered without having seen the loss: assume it was long.
            var outage = lostAt == Connected ? TimeSpan.MaxValue : clock.GetElapsedTime(lostAt);
            var hold = outage > options.Value.HoldAfterOutageOf;
            Log.Recovered(logger, currentNumberOfGateways, hold);
            if (hold && routes.HasSynced)
            {
                routes.BeginCatchUp();
            }
            signal.RequestFullSync();
        }
    }

    private void MarkLost() => Interlocked.CompareExchange(ref _lostAt, clock.GetTimestamp(), Connected);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Lost the cluster; serving the last routing tables until it is back")]
        public static partial void Lost(ILogger logger);

        [LoggerMessage(2, LogLevel.Information, "Cluster connection recovered ({Gateways} gateways); catching up (holding requests: {Holding})")]
        public static partial void Recovered(ILogger logger, int gateways, bool holding);
    }
}
