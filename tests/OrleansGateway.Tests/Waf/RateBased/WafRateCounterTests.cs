using Xunit.Abstractions;
using OrleansGateway.Edge.DataPlane.Waf.RateBased;
using OrleansGateway.Grains.Interfaces.Waf.RateBased;
using OrleansGateway.Tests.Limits;

namespace OrleansGateway.Tests.Waf.RateBased;

/// <summary>The edge-side counter against the real shard bookkeeping, on a clock the test moves.</summary>
public sealed class WafRateCounterTests
{
    private const long Limit = 100;
    private static readonly WafRateRule PerIp = new("arn:aws:wafv2:us-east-1:123456789012:regional/webacl/site/1", "per-ip", Limit, TimeSpan.FromSeconds(60));

    private readonly ManualClock _clock = new(DateTimeOffset.Parse("2026-11-24T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly LedgerShardClient _shards;
    private readonly RateEdges _edges;
    private readonly ITestOutputHelper _output;

    public WafRateCounterTests(ITestOutputHelper output)
    {
        _output = output;
        _shards = new LedgerShardClient(_clock);
        _edges = new RateEdges(3, _shards, _clock, _clock.Advance);
    }


    [Fact]
    public async Task Requests_from_one_ip_spread_over_three_edges_are_blocked_once_the_cluster_count_passes_the_limit()
    {
        var admitted = await _edges.SendAsync(PerIp, "198.51.100.7", 400, requestsPerFlush: 15);

        _output.WriteLine($"admitted {admitted} of 400 (limit {Limit}, bound {Limit + RateEdges.Bound(Limit, 3)}), {_shards.Calls} shard calls");
        Assert.InRange(admitted, Limit, Limit + RateEdges.Bound(Limit, 3));
        Assert.Equal(0, await _edges.SendAsync(PerIp, "198.51.100.7", 30, requestsPerFlush: 15));
    }

    [Fact]
    public async Task Requests_arriving_faster_than_the_flush_still_stop_within_the_bound()
    {
        // 300 requests between two flushes: only free admissions, never more than the bound.
        var admitted = await _edges.SendAsync(PerIp, "198.51.100.8", 300, requestsPerFlush: 300);
        Assert.InRange(admitted, 1, RateEdges.Bound(Limit, 3));

        admitted += await _edges.SendAsync(PerIp, "198.51.100.8", 300, requestsPerFlush: 3);
        Assert.InRange(admitted, 1, Limit + RateEdges.Bound(Limit, 3));
    }

    [Fact]
    public async Task Another_ip_is_unaffected_while_one_is_blocked()
    {
        await _edges.SendAsync(PerIp, "198.51.100.7", 400, requestsPerFlush: 15);

        Assert.Equal(60, await _edges.SendAsync(PerIp, "203.0.113.9", 60, requestsPerFlush: 15));
        Assert.Equal(0, await _edges.SendAsync(PerIp, "198.51.100.7", 15, requestsPerFlush: 15));
    }

    [Fact]
    public async Task A_blocked_ip_stays_blocked_while_over_the_limit_and_passes_again_once_the_window_has_slid()
    {
        await _edges.SendAsync(PerIp, "198.51.100.7", 150, requestsPerFlush: 15);
        Assert.Equal(0, await _edges.SendAsync(PerIp, "198.51.100.7", 15, requestsPerFlush: 15));

        _clock.Advance(TimeSpan.FromSeconds(30));
        await _edges.FlushAllAsync();
        Assert.Equal(0, await _edges.SendAsync(PerIp, "198.51.100.7", 15, requestsPerFlush: 15));

        // Counts leave the window between 60 s and 60 s + one sub-window (3 s) after they were made.
        _clock.Advance(TimeSpan.FromSeconds(64));
        await _edges.FlushAllAsync();
        Assert.Equal(15, await _edges.SendAsync(PerIp, "198.51.100.7", 15, requestsPerFlush: 15));
    }

    [Fact]
    public async Task An_edge_that_dies_loses_only_what_it_admitted_since_its_last_flush()
    {
        var admitted = await _edges.SendAsync(PerIp, "198.51.100.7", 75, requestsPerFlush: 15);
        // Edge 2 takes requests after the last flush, then dies without flushing them.
        var beforeDeath = _edges.AdmittedBy.GetValueOrDefault(2);
        admitted += await _edges.SendAsync(PerIp, "198.51.100.7", 12, requestsPerFlush: 1000);
        var lostWithTheEdge = _edges.AdmittedBy.GetValueOrDefault(2) - beforeDeath;
        _edges.Live[2] = false;

        // Long enough for the shards to take the dead edge's allowances back.
        for (var i = 0; i < 24; i++)
        {
            await _edges.FlushAllAsync();
        }
        admitted += await _edges.SendAsync(PerIp, "198.51.100.7", 400, requestsPerFlush: 10);

        _output.WriteLine($"admitted {admitted}, {lostWithTheEdge} admitted by the dead edge after its last flush");
        Assert.InRange(lostWithTheEdge, 1, 2 * RateEdges.Bound(Limit, 1));
        Assert.InRange(admitted, Limit, Limit + RateEdges.Bound(Limit, 3) + lostWithTheEdge);
    }

    [Fact]
    public async Task Cold_keys_are_admitted_without_a_grain_call()
    {
        for (var i = 0; i < 50; i++)
        {
            Assert.False(_edges.Counters[i % 3].CountAndCheck(PerIp, $"192.0.2.{i}"));
        }
        Assert.Equal(0, _shards.Calls);

        await _edges.FlushAllAsync();
        Assert.InRange(_shards.Calls, 1, 3 * WafRateShards.Count);
    }

    [Fact]
    public async Task With_the_shards_unreachable_an_edge_applies_the_limit_to_its_own_traffic_and_reports_it_later()
    {
        var edge = new RateEdges(1, _shards, _clock, _clock.Advance);
        _shards.Unreachable = true;

        var admitted = await edge.SendAsync(PerIp, "198.51.100.7", 250, requestsPerFlush: 5);

        Assert.Equal(Limit, admitted);
        _shards.Unreachable = false;
        await edge.FlushAllAsync();
        // The counts made while alone reached the shard: it blocks the key here, and on other edges
        // from their first flush with the key (before it, each admits at most its free share).
        Assert.True(edge.Counters[0].CountAndCheck(PerIp, "198.51.100.7"));
        Assert.InRange(await _edges.SendAsync(PerIp, "198.51.100.7", 15, requestsPerFlush: 15), 0, RateEdges.Bound(Limit, 3) / 2);
        Assert.Equal(0, await _edges.SendAsync(PerIp, "198.51.100.7", 15, requestsPerFlush: 15));
    }

    [Fact]
    public async Task A_scan_of_100k_ips_costs_at_most_one_call_per_shard_per_flush_and_bounded_memory()
    {
        var options = new WafRateOptions { MaxTrackedKeys = 20_000 };
        var edge = new RateEdges(1, _shards, _clock, _clock.Advance, options);
        const int PerFlush = 2_500; // 10,000 new IPs a second at a 250 ms flush
        const int Ips = 100_000;
        var maxTracked = 0;
        for (var i = 0; i < Ips; i++)
        {
            Assert.False(edge.Counters[0].CountAndCheck(PerIp, $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}"));
            if ((i + 1) % PerFlush == 0)
            {
                await edge.FlushAllAsync();
                maxTracked = Math.Max(maxTracked, edge.Counters[0].TrackedKeys);
            }
        }

        var flushes = Ips / PerFlush;
        _output.WriteLine($"{_shards.Calls} shard calls in {flushes} flushes; at most {maxTracked} keys tracked; {_shards.LedgerKeys} keys in the shards");
        var seconds = flushes * options.FlushInterval.TotalSeconds;
        Assert.InRange(_shards.Calls, 1, flushes * WafRateShards.Count);
        Assert.True(_shards.Calls / seconds <= WafRateShards.Count / options.FlushInterval.TotalSeconds, $"{_shards.Calls / seconds} calls/s");
        Assert.InRange(maxTracked, 1, options.MaxTrackedKeys + PerFlush);
    }

    [Fact]
    public async Task Counting_a_known_key_allocates_nothing()
    {
        await _edges.SendAsync(PerIp, "198.51.100.7", 60, requestsPerFlush: 15);
        var counter = _edges.Counters[0];
        counter.CountAndCheck(PerIp, "198.51.100.7");

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            counter.CountAndCheck(PerIp, "198.51.100.7");
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
    [Fact]
    public void A_tracked_key_costs_a_few_hundred_bytes_on_the_edge()
    {
        var edge = new RateEdges(1, _shards, _clock, _clock.Advance);
        var counter = edge.Counters[0];
        var ips = Enumerable.Range(0, 20_000).Select(i => $"10.1.{i >> 8}.{i & 255}").ToArray();
        counter.CountAndCheck(PerIp, "warm-up");

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var ip in ips)
        {
            counter.CountAndCheck(PerIp, ip);
        }
        var perKey = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)ips.Length;

        // Allocated, dictionary growth included; the key string itself is the caller's.
        _output.WriteLine($"{perKey:F0} bytes allocated per new key");
        Assert.InRange(perKey, 1, 400);
    }

    [Fact]
    public async Task Requests_counted_on_many_threads_at_once_stay_within_the_bound()
    {
        const int Flushes = 40;
        var rounds = 0;
        var admitted = 0;
        var offered = 0;
        var workers = Enumerable.Range(0, 6).Select(worker => Task.Run(() =>
        {
            for (var i = 0; Volatile.Read(ref rounds) < Flushes; i++)
            {
                Interlocked.Increment(ref offered);
                if (!_edges.Counters[(worker + i) % 3].CountAndCheck(PerIp, "198.51.100.7"))
                {
                    Interlocked.Increment(ref admitted);
                }
            }
        })).ToArray();
        for (var round = 0; round < Flushes; round++)
        {
            // Every flush interval sees traffic from the workers.
            var seen = Volatile.Read(ref offered);
            while (Volatile.Read(ref offered) < seen + 300)
            {
                await Task.Delay(1);
            }
            await _edges.FlushAllAsync();
            Interlocked.Increment(ref rounds);
        }
        await Task.WhenAll(workers);

        _output.WriteLine($"admitted {admitted} of {offered} on 6 threads over {Flushes} flushes");
        Assert.InRange(admitted, Limit, Limit + RateEdges.Bound(Limit, 3));
    }
    [Fact]
    public async Task A_rule_unused_for_a_window_is_dropped_and_counted_afresh_when_it_comes_back()
    {
        await _edges.SendAsync(PerIp, "198.51.100.7", 30, requestsPerFlush: 15);
        _clock.Advance(TimeSpan.FromSeconds(65));
        await _edges.FlushAllAsync();
        await _edges.FlushAllAsync();
        Assert.All(_edges.Counters, counter => Assert.Equal(0, counter.TrackedKeys));

        var admitted = await _edges.SendAsync(PerIp, "198.51.100.7", 400, requestsPerFlush: 15);

        Assert.InRange(admitted, Limit, Limit + RateEdges.Bound(Limit, 3));
    }
    [Fact]
    public async Task An_edge_that_stops_cleanly_hands_its_counts_and_allowance_back_at_once()
    {
        var admitted = await _edges.SendAsync(PerIp, "198.51.100.7", 75, requestsPerFlush: 15);
        admitted += await _edges.SendAsync(PerIp, "198.51.100.7", 12, requestsPerFlush: 1000);
        await _edges.Counters[2].ReleaseAllAsync();
        _edges.Live[2] = false;
        Assert.Equal(0, _edges.Counters[2].TrackedKeys);

        // Fewer flushes than the shards wait before giving up on a silent edge (5 s): what it held
        // must be back already for the others to reach the limit.
        admitted += await _edges.SendAsync(PerIp, "198.51.100.7", 150, requestsPerFlush: 10);

        Assert.InRange(admitted, Limit, Limit + RateEdges.Bound(Limit, 3));
    }
}
