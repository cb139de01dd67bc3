using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.Limits;

/// <summary>An edge's quota leases against the shared test cluster (default lease options unless given), and the grain's view of a key.</summary>
internal static class TestQuotaLeases
{
    public static Task<QuotaStatus> StatusOf(GrainClusterFixture fixture, string plan, string key, QuotaSettings quota) =>
        fixture.Cluster.Client.GetGrain<IQuotaGrain>(IQuotaGrain.KeyOf(plan, key)).GetStatus(quota);

    public static QuotaLeases On(GrainClusterFixture fixture, string edgeId, TimeProvider clock) =>
        On(fixture, new EdgeIdentity(edgeId), Options.Create(new UsageLeaseOptions()), clock);

    public static QuotaLeases On(GrainClusterFixture fixture, EdgeIdentity edge, IOptions<UsageLeaseOptions> options, TimeProvider clock) =>
        new(new QuotaLeaseClient(fixture.Cluster.Client, edge, options, NullLogger<QuotaLeaseClient>.Instance), clock);
}
