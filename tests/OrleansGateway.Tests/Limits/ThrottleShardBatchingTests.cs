using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Tests.Limits;

/// <summary>
/// Pure unit tests of the edge's batched per-client throttle leases over a fake grain factory
/// (<see cref="InMemoryThrottleShards"/>): cold keys do not wait, and calls scale with shards, not keys.
/// </summary>
public sealed class ThrottleShardBatchingTests
{
    private static readonly ThrottleSettings Generous = new(1000, 1000);

    private static ThrottleLeases Edge(IGrainFactory grains, TimeSpan batchInterval, TimeProvider? clock = null) => new(
        new ThrottleLeaseClient(grains, new EdgeIdentity("edge-1"),
            Options.Create(new UsageLeaseOptions { BatchClientThrottles = true, ThrottleBatchInterval = batchInterval }), NullLogger<ThrottleLeaseClient>.Instance),
        clock ?? TimeProvider.System);

    [Fact]
    public async Task A_thousand_cold_keys_are_admitted_without_waiting_and_leased_in_a_few_calls_per_shard()
    {
        var (grains, shards) = InMemoryThrottleShards.Create();
        // An interval longer than the loop below takes even on a loaded machine, so the count of calls
        // shows the batching rather than the machine's speed.
        var edge = Edge(grains, TimeSpan.FromSeconds(5));
        var plan = "plan-" + Guid.NewGuid().ToString("N");

        for (var i = 0; i < 1000; i++)
        {
            var take = edge.TryTakeAsync(ThrottleKeys.Client(plan, $"key-{i}"), Generous, CancellationToken.None);
            Assert.True(take.IsCompletedSuccessfully, $"key {i} waited for a grain call");
            Assert.True((await take).Allowed);
        }

        // Every token spent on a standing allowance reaches the grain (charged once), in batches.
        await PollAsync(() => shards.Batches.Sum(b => b.Buckets.Sum(e => e.Borrowed)) >= 1000);
        Assert.Equal(1000, shards.Batches.Sum(b => b.Buckets.Sum(e => e.Borrowed)));
        // Each shard's first entry goes at once, the rest together one interval later (more only if
        // the loop above took longer than an interval on a very busy machine).
        Assert.True(shards.Batches.Count < 300, $"{shards.Batches.Count} calls for 1,000 keys");
        Assert.All(shards.Batches, b => Assert.All(b.Buckets, e => Assert.Equal(ThrottleShards.ShardOf(b.Buckets[0].BucketKey), ThrottleShards.ShardOf(e.BucketKey))));
    }

    [Fact]
    public async Task A_request_waiting_for_a_renewal_is_not_held_for_the_batch_interval()
    {
        var (grains, shards) = InMemoryThrottleShards.Create();
        // An interval far longer than the test: only expediting can make the waiting request finish.
        var edge = Edge(grains, TimeSpan.FromMinutes(10));
        var plan = "plan-" + Guid.NewGuid().ToString("N");
        var first = ThrottleKeys.Client(plan, "first");
        var second = Enumerable.Range(0, 10_000).Select(i => ThrottleKeys.Client(plan, $"k{i}"))
            .First(k => ThrottleShards.ShardOf(k) == ThrottleShards.ShardOf(first));

        // The shard's first call goes at once; the second key's report must then wait for the interval…
        Assert.True((await edge.TryTakeAsync(first, Generous, CancellationToken.None)).Allowed);
        await PollAsync(() => shards.Batches.Count == 1);
        Assert.True((await edge.TryTakeAsync(second, Generous, CancellationToken.None)).Allowed);
        // …unless a request waits for it: its second request has no token and no allowance left.
        var waiting = edge.TryTakeAsync(second, Generous, CancellationToken.None).AsTask();
        var finished = await Task.WhenAny(waiting, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(waiting, finished);
        Assert.True((await waiting).Allowed);
        Assert.Equal(2, shards.Batches.Count);
    }

    [Fact]
    public async Task A_cold_key_spends_its_standing_allowance_once_per_lease_window_and_is_then_refused_by_an_empty_bucket()
    {
        var (grains, shards) = InMemoryThrottleShards.Create();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var edge = Edge(grains, TimeSpan.FromMilliseconds(100), clock);
        var bucket = ThrottleKeys.Client("plan-" + Guid.NewGuid().ToString("N"), "key");
        var oneAtATime = new ThrottleSettings(0.001, 1);

        Assert.True((await edge.TryTakeAsync(bucket, oneAtATime, CancellationToken.None)).Allowed);
        // The allowance was charged to the bucket (burst 1): nothing is left for anyone.
        var refused = await edge.TryTakeAsync(bucket, oneAtATime, CancellationToken.None);
        Assert.False(refused.Allowed);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.Equal(1, shards.Batches.Sum(b => b.Buckets.Sum(e => e.Borrowed)));
    }

    private static async Task PollAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "condition not reached within 30 s");
            await Task.Delay(20);
        }
    }
}
