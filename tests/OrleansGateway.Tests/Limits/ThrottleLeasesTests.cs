using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.Limits;

[Collection(GrainClusterCollection.Name)]
public sealed class ThrottleLeasesTests(GrainClusterFixture fixture)
{
    private ThrottleLeases Edge(string edgeId) => new(
        new ThrottleLeaseClient(fixture.Cluster.Client, new EdgeIdentity(edgeId), Options.Create(new UsageLeaseOptions()), NullLogger<ThrottleLeaseClient>.Instance),
        TimeProvider.System);

    [Fact]
    public async Task Three_edges_offered_three_times_the_rate_admit_the_rate_after_the_burst()
    {
        // Burst 0.5 s of rate. With 0.2 s (20), all three offer loops stalling together for longer
        // than that on a starved test host (the whole suite in parallel) let the bucket overflow
        // while nobody asked. A full bucket can add at most 50 over the 6 s measured (+8/s).
        var settings = new ThrottleSettings(100, 50);
        var edges = new[] { Edge("edge-1"), Edge("edge-2"), Edge("edge-3") };
        var attempts = new List<string>();
        // A host that stalls the whole process (the suite's other collections starving the thread
        // pool, a GC) stops the offerers and the in-process silo alike: nobody asks while the
        // bucket fills past its burst, so a token bucket rightly loses those tokens — reproduced
        // by stopping the test process twice for 0.8 s: 82.3/s. Such a run does not measure the
        // leases and is run again, at most three times; a run on a host that kept up must hold.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var bucket = ThrottleKeys.Client("plan", Guid.NewGuid().ToString("N"));
            var (rateAfterBurst, admitted, hostStall) = await MeasureAsync(edges, bucket, settings);
            var outcome = $"{rateAfterBurst:F1}/s ({string.Join(", ", admitted)}), host stalled up to {hostStall.TotalMilliseconds:F0} ms";
            if (hostStall < HostStallLimit)
            {
                // ±15 % here, a check of the mechanics: three offer loops share 2 cores with the
                // in-process silo. The issue's ±5 % is asserted where the load is paced from outside
                // the edges, with a burst of 1 s of rate: Cluster.UsagePlanClusterTests and
                // Cluster.AccountThrottleClusterTests.
                Assert.True(Math.Abs(rateAfterBurst - 100) <= 15, $"{outcome}; earlier runs: [{string.Join("; ", attempts)}]");
                return;
            }
            attempts.Add(outcome);
        }
        Assert.Fail($"the host stalled for longer than {HostStallLimit.TotalMilliseconds} ms in every run: [{string.Join("; ", attempts)}]");
    }

    /// <summary>A stall of the process this long leaves the bucket of <c>Three_edges…</c> full with nobody asking (its burst is 0.5 s of rate).</summary>
    private static readonly TimeSpan HostStallLimit = TimeSpan.FromMilliseconds(250);

    private static async Task<(double RateAfterBurst, long[] Admitted, TimeSpan HostStall)> MeasureAsync(
        ThrottleLeases[] edges, string bucket, ThrottleSettings settings)
    {
        // Steady state only: the first 2 s hold the burst and the edges' first leases. A short run
        // measured from zero let one edge's leftover swing the result past 5 % on a busy machine.
        var duration = TimeSpan.FromSeconds(8);
        var steadyFrom = TimeSpan.FromSeconds(2);
        var watch = Stopwatch.StartNew();
        // Timer continuations on the thread pool, independent of the leases: a request waiting for
        // a slow renewal does not delay it, a starved pool or a paused process does.
        var hostStall = WatchHostAsync(watch, duration);
        var admitted = await Task.WhenAll(edges.Select(edge => OfferAsync(edge, bucket, settings, perSecond: 100, duration, steadyFrom, watch)));
        return (admitted.Sum() / (duration - steadyFrom).TotalSeconds, admitted, await hostStall);
    }

    /// <summary>The longest a 10 ms timer overslept while <paramref name="watch"/> ran up to <paramref name="until"/>.</summary>
    private static async Task<TimeSpan> WatchHostAsync(Stopwatch watch, TimeSpan until)
    {
        var worst = TimeSpan.Zero;
        // Also before the measured window: a stall just before it leaves the bucket full at its start.
        while (watch.Elapsed < until)
        {
            var before = watch.Elapsed;
            await Task.Delay(10);
            var late = watch.Elapsed - before - TimeSpan.FromMilliseconds(10);
            if (late > worst)
            {
                worst = late;
            }
        }
        return worst;
    }

    [Fact]
    public async Task A_burst_queued_behind_one_renewal_is_admitted_in_full_while_the_bucket_holds_it()
    {
        // A key seen once, then quiet for 10 s (the edge's clock), then 300 requests at once — as when
        // an edge releases requests it held while catching up: their continuations are queued before
        // the renewal's own, so the renewal starts after all 300 arrived and sees a rate (30/s) far
        // below the burst. None may be refused while the bucket (500) holds tokens for all.
        var settings = new ThrottleSettings(50, 500);
        var bucket = ThrottleKeys.Client("plan", Guid.NewGuid().ToString("N"));
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var edge = new ThrottleLeases(
            new ThrottleLeaseClient(fixture.Cluster.Client, new EdgeIdentity("edge-burst"), Options.Create(new UsageLeaseOptions()), NullLogger<ThrottleLeaseClient>.Instance),
            clock);
        Assert.True((await edge.TryTakeAsync(bucket, settings, CancellationToken.None)).Allowed);
        clock.Advance(TimeSpan.FromSeconds(10));

        var decisions = await FifoContext.RunAsync(() =>
            Task.WhenAll(Enumerable.Range(0, 300).Select(_ => edge.TryTakeAsync(bucket, settings, CancellationToken.None).AsTask())));

        Assert.Equal(300, decisions.Count(d => d.Allowed));
    }

    [Fact]
    public async Task A_refused_bucket_refuses_without_a_grain_call_per_request()
    {
        var settings = new ThrottleSettings(1, 1);
        var bucket = ThrottleKeys.Client("plan", Guid.NewGuid().ToString("N"));
        var edge = Edge("edge-refuse");
        Assert.True((await edge.TryTakeAsync(bucket, settings, CancellationToken.None)).Allowed);
        var refused = await edge.TryTakeAsync(bucket, settings, CancellationToken.None);
        Assert.False(refused.Allowed);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        var callsBefore = LeaseCallCounter.ThrottleCalls;
        for (var i = 0; i < 100; i++)
        {
            Assert.False((await edge.TryTakeAsync(bucket, settings, CancellationToken.None)).Allowed);
        }
        // Other tests in the collection may lease concurrently, hence a bound rather than zero.
        Assert.True(LeaseCallCounter.ThrottleCalls - callsBefore < 20);
    }

    /// <summary>Offers <paramref name="perSecond"/> requests a second; returns how many were admitted from <paramref name="countFrom"/> on.</summary>
    private static async Task<long> OfferAsync(
        ThrottleLeases edge, string bucket, ThrottleSettings settings, int perSecond, TimeSpan duration, TimeSpan countFrom, Stopwatch watch)
    {
        long offered = 0, admitted = 0;
        while (watch.Elapsed < duration)
        {
            var due = (long)(watch.Elapsed.TotalSeconds * perSecond);
            while (offered < due && watch.Elapsed < duration)
            {
                offered++;
                if ((await edge.TryTakeAsync(bucket, settings, CancellationToken.None)).Allowed && watch.Elapsed >= countFrom)
                {
                    admitted++;
                }
            }
            await Task.Delay(5);
        }
        return admitted;
    }
}
