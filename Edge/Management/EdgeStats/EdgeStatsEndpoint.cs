using Microsoft.AspNetCore.Mvc;
using OrleansGateway.Edge.DataPlane;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.UsagePlans;
using OrleansGateway.Edge.UsagePlans.Leases;

namespace OrleansGateway.Edge.Management.EdgeStats;

/// <summary>
/// <c>GET /gateway/edge/stats</c> (our extension, SigV4-signed like every management call): this
/// edge's remote-call counters and table versions, so a benchmark can report grain calls per 1,000
/// admitted requests and an operator can see that an edge is in step.
/// </summary>
internal static class EdgeStatsEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/gateway/edge/stats", (
            [FromServices] EdgeIdentity edge, [FromServices] ApiKeyResolver keys, [FromServices] UsagePlanTableStore plans,
            [FromServices] RoutingTableStore apis) =>
            Results.Json(new EdgeStatsResponse(
                edge.Id,
                LeaseCallCounter.ThrottleCalls,
                LeaseCallCounter.QuotaCalls,
                LeaseCallCounter.MeterFlushes,
                keys.LookupCalls,
                LeaseCallCounter.AdmittedRecorded,
                keys.CachedCount,
                plans.Current.Version,
                apis.ApiIds.Count)));
}

/// <summary>The counters <see cref="EdgeStatsEndpoint"/> reports (camelCase on the wire).</summary>
internal sealed record EdgeStatsResponse(
    string EdgeId,
    long ThrottleLeaseCalls,
    long QuotaLeaseCalls,
    long MeterFlushCalls,
    long KeyLookupCalls,
    long AdmittedRequests,
    int CachedKeys,
    long UsagePlanVersion,
    int ApisInstalled);
