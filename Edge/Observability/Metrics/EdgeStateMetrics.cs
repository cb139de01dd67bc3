using System.Diagnostics.Metrics;
using OrleansGateway.Edge.DataPlane;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.UsagePlans.Leases;

namespace OrleansGateway.Edge.Observability.Metrics;

/// <summary>
/// What this edge holds, read only when an exporter collects (meter <c>OrleansGateway.EdgeState</c>):
/// the routing table version of each API, the lease grain calls made (grants of throttle tokens and
/// quota units, usage flushes) and the silos the cluster has. Nothing here runs per request.
/// </summary>
internal sealed class EdgeStateMetrics
{
    /// <summary>The meter's name, for exporters to subscribe to.</summary>
    public const string MeterName = "OrleansGateway.EdgeState";

    public EdgeStateMetrics(IMeterFactory meters, RoutingTableStore routing, EdgeIdentity edge, ClusterMembershipProbe membership)
    {
        var meter = meters.Create(MeterName);
        var edgeTag = new KeyValuePair<string, object?>("edge", edge.Id);
        meter.CreateObservableGauge("gateway.routing_table.version", () => RoutingVersions(routing, edgeTag), "{version}",
            "Serving-config version of each API this edge routes with.");
        meter.CreateObservableCounter("gateway.lease.grants", () => new[]
        {
            new Measurement<long>(LeaseCallCounter.ThrottleCalls, edgeTag, new("kind", "throttle")),
            new Measurement<long>(LeaseCallCounter.QuotaCalls, edgeTag, new("kind", "quota")),
        }, "{call}", "Lease calls to throttle and quota grains (each grants tokens or units, or is refused).");
        meter.CreateObservableCounter("gateway.usage.flushes", () => new Measurement<long>(LeaseCallCounter.MeterFlushes, edgeTag), "{call}",
            "Batches of admitted-request counts sent to usage meter grains.");
        meter.CreateObservableGauge("gateway.cluster.silos", () => membership.ActiveSilos is { } silos
            ? [new Measurement<int>(silos, edgeTag)]
            : Array.Empty<Measurement<int>>(), "{silo}", "Active silos in the cluster, as this edge last saw them.");
    }

    private static IEnumerable<Measurement<long>> RoutingVersions(RoutingTableStore routing, KeyValuePair<string, object?> edgeTag)
    {
        foreach (var apiId in routing.ApiIds)
        {
            var version = routing.VersionOf(apiId);
            if (version >= 0)
            {
                yield return new Measurement<long>(version, edgeTag, new("ApiId", apiId));
            }
        }
    }
}
