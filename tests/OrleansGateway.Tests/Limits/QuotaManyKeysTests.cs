using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.Limits;

[Collection(GrainClusterCollection.Name)]
public sealed class QuotaManyKeysTests(GrainClusterFixture fixture)
{
    private QuotaLeases Edge(string edgeId) => new(
        new QuotaLeaseClient(fixture.Cluster.Client, new EdgeIdentity(edgeId), Options.Create(new UsageLeaseOptions()), NullLogger<QuotaLeaseClient>.Instance),
        TimeProvider.System);

    [Fact]
    public async Task Three_edges_spending_many_keys_never_exceed_a_key_quota_and_an_edge_that_dies_loses_only_what_it_held()
    {
        const int limit = 40;
        var quota = new QuotaSettings(limit, 0, "DAY");
        var plan = "plan-" + Guid.NewGuid().ToString("N");
        var keys = Enumerable.Range(0, 60).Select(i => $"key-{i}").ToArray();
        var edges = new[] { Edge("many-1"), Edge("many-2"), Edge("many-3") };
        var admitted = new int[keys.Length];

        // Three times the quota offered per key; the third edge dies (stops, releases nothing) a
        // quarter of the way in, holding whatever it was granted.
        for (var round = 0; round < limit; round++)
        {
            var live = round < limit / 4 ? edges : edges[..2];
            var decisions = await Task.WhenAll(keys.SelectMany((key, index) => live.Select(async edge =>
                (index, (await edge.TryTakeAsync(plan, key, quota, CancellationToken.None)).Allowed))));
            foreach (var (index, allowed) in decisions)
            {
                admitted[index] += allowed ? 1 : 0;
            }
        }
        await edges[0].EvictIdleAsync(TimeSpan.Zero);
        await edges[1].EvictIdleAsync(TimeSpan.Zero);

        for (var i = 0; i < keys.Length; i++)
        {
            var status = await TestQuotaLeases.StatusOf(fixture, plan, keys[i], quota);
            var heldByTheDeadEdge = limit - status.Used - status.Remaining;
            Assert.True(admitted[i] <= limit, $"key {i}: admitted {admitted[i]} > {limit}");
            // Everything not admitted is either still available or held by the dead edge: nothing else is lost.
            Assert.True(admitted[i] >= limit - heldByTheDeadEdge - status.Remaining, $"key {i}: admitted {admitted[i]}, dead edge held {heldByTheDeadEdge}, remaining {status.Remaining}");
            // One grant at most, and a grant is at most half of what was available (the share cap).
            Assert.InRange(heldByTheDeadEdge, 0, limit / 2);
        }
    }
}
