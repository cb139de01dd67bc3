using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Metering;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.Metering;

[Collection(GrainClusterCollection.Name)]
public sealed class UsageMeterGrainTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task A_retried_or_older_batch_is_counted_once()
    {
        var planId = Guid.NewGuid().ToString("N");
        var meter = fixture.Cluster.GrainFactory.GetGrain<IUsageMeterGrain>(IUsageMeterGrain.KeyOf(new DateOnly(2025, 3, 6), "key1"));
        var batch = new UsageBatch("edge-a", 7, [new UsageCount(planId, "key1", 5)]);
        await meter.Apply(new Immutable<UsageBatch>(batch));
        await meter.Apply(new Immutable<UsageBatch>(batch));
        await meter.Apply(new Immutable<UsageBatch>(batch with { Sequence = 6 }));
        await meter.Apply(new Immutable<UsageBatch>(new UsageBatch("edge-b", 1, [new UsageCount(planId, "key1", 2)])));
        await meter.Apply(new Immutable<UsageBatch>(batch with { Sequence = 8, Counts = [new UsageCount(planId, "key1", 1)] }));

        var count = Assert.Single(await meter.GetCounts(planId));
        Assert.Equal(5 + 2 + 1, count.Count);
    }

    [Fact]
    public void Every_edge_picks_the_same_shard_for_a_key()
    {
        Assert.Equal(IUsageMeterGrain.ShardOf("abc123"), IUsageMeterGrain.ShardOf("abc123"));
        Assert.InRange(IUsageMeterGrain.ShardOf("abc123"), 0, IUsageMeterGrain.Shards - 1);
        Assert.Equal("2025-03-06|" + IUsageMeterGrain.ShardOf("k"), IUsageMeterGrain.KeyOf(new DateOnly(2025, 3, 6), "k"));
    }
}
