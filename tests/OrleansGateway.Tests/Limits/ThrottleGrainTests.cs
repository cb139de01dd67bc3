using System.Diagnostics;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Grains.Limits;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.Limits;

[Collection(GrainClusterCollection.Name)]
public sealed class ThrottleGrainTests(GrainClusterFixture fixture)
{
    private static readonly ThrottleSettings Rate100Burst20 = new(100, 20);

    private IThrottleGrain NewBucket() => fixture.Cluster.GrainFactory.GetGrain<IThrottleGrain>(ThrottleKeys.Client("plan", Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task Tokens_granted_over_a_window_stay_within_burst_plus_rate_times_window()
    {
        var bucket = NewBucket();
        // Activated before the clock starts: on a loaded machine activation alone took ~0.8 s, and
        // the lower bound below counts the whole window.
        await bucket.Lease(new ThrottleLeaseRequest("edge-0", Rate100Burst20, 0, 0));
        var watch = Stopwatch.StartNew();
        var granted = await Task.WhenAll(Enumerable.Range(0, 3).Select(async edge =>
        {
            long total = 0;
            while (watch.Elapsed < TimeSpan.FromSeconds(2))
            {
                total += (await bucket.Lease(new ThrottleLeaseRequest($"edge-{edge}", Rate100Burst20, 10, 0))).Tokens;
            }
            return total;
        }));
        var bound = 20 + 100 * watch.Elapsed.TotalSeconds;
        Assert.True(granted.Sum() <= bound, $"granted {granted.Sum()} > {bound}");
        // How many the grain could grant depends on how often three loops get to call it on a busy
        // machine (42 in 2 s seen in a full run); that it grants the whole rate is checked on a fake
        // clock below.
        Assert.True(granted.Sum() > 0, "granted nothing");
    }

    [Fact]
    public void Three_edges_asking_every_10_ms_are_granted_the_whole_rate_and_never_more()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var bucket = ThrottleGrants.Configure(null, Rate100Burst20, clock);
        long granted = 0;
        for (var tick = 0; tick < 200; tick++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            for (var edge = 0; edge < 3; edge++)
            {
                granted += ThrottleGrants.Lease(bucket, want: 10, returned: 0, borrowed: 0).Tokens;
            }
        }
        // 2 s at 100/s plus the burst it started with, less the fraction of a token still in it.
        Assert.InRange(granted, 219, 220);
    }

    [Fact]
    public async Task An_empty_bucket_grants_nothing_and_says_when_a_useful_chunk_exists()
    {
        // A slow rate (2/s): at 100/s a loaded machine's 30 ms between the two calls refilled 3 tokens.
        var slow = new ThrottleSettings(2, 20);
        var bucket = NewBucket();
        Assert.Equal(20, (await bucket.Lease(new ThrottleLeaseRequest("edge", slow, 50, 0))).Tokens);
        var refused = await bucket.Lease(new ThrottleLeaseRequest("edge", slow, 50, 0));
        Assert.Equal(0, refused.Tokens);
        // The useful chunk at 2/s is one token: at most half a second away.
        Assert.InRange(refused.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(510));
    }

    [Fact]
    public async Task Returned_tokens_go_back_but_never_beyond_the_burst()
    {
        var bucket = NewBucket();
        Assert.Equal(20, (await bucket.Lease(new ThrottleLeaseRequest("edge", Rate100Burst20, 20, 0))).Tokens);
        var next = await bucket.Lease(new ThrottleLeaseRequest("edge", Rate100Burst20, 100, 500));
        Assert.Equal(20, next.Tokens);
    }
}
