using Microsoft.Extensions.Logging.Abstractions;
using OrleansGateway.Edge.DataPlane.Waf.RateBased;
using OrleansGateway.Grains.Interfaces.Waf.RateBased;
using OrleansGateway.Tests.Grains;
using Xunit.Abstractions;

namespace OrleansGateway.Tests.Waf.RateBased;

/// <summary>
/// Three edge counters (three edge identities) sharing the shard grains of a two-silo test cluster,
/// on the real clock; flushes are driven by the test, as the background service would drive them.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class WafRateClusterTests(GrainClusterFixture fixture, ITestOutputHelper output)
{
    private const long Limit = 100;

    private static WafRateRule NewRule(long limit, TimeSpan window) =>
        new($"arn:aws:wafv2:us-east-1:123456789012:regional/webacl/site/{Guid.NewGuid():N}", "per-ip", limit, window);

    private (RateEdges Edges, WafRateShardClient Client) ThreeEdges()
    {
        var client = new WafRateShardClient(fixture.Cluster.GrainFactory, NullLogger<WafRateShardClient>.Instance);
        return (new RateEdges(3, client, TimeProvider.System, advance: null), client);
    }

    [Fact]
    public async Task One_ip_spread_round_robin_over_three_edges_is_blocked_past_the_limit_and_another_ip_is_not()
    {
        var (edges, client) = ThreeEdges();
        var rule = NewRule(Limit, TimeSpan.FromSeconds(60));

        var admitted = await edges.SendAsync(rule, "198.51.100.7", 400, requestsPerFlush: 15);
        output.WriteLine($"admitted {admitted} of 400, {client.Calls} grain calls");

        Assert.InRange(admitted, Limit, Limit + RateEdges.Bound(Limit, 3));
        Assert.Equal(0, await edges.SendAsync(rule, "198.51.100.7", 30, requestsPerFlush: 15));
        Assert.Equal(60, await edges.SendAsync(rule, "203.0.113.9", 60, requestsPerFlush: 15));
    }

    [Fact]
    public async Task An_edge_that_dies_mid_way_loses_only_what_it_admitted_since_its_last_flush()
    {
        var (edges, _) = ThreeEdges();
        var rule = NewRule(Limit, TimeSpan.FromSeconds(60));

        var admitted = await edges.SendAsync(rule, "198.51.100.7", 75, requestsPerFlush: 15);
        var beforeDeath = edges.AdmittedBy.GetValueOrDefault(2);
        admitted += await edges.SendAsync(rule, "198.51.100.7", 12, requestsPerFlush: 1000);
        var lostWithTheEdge = edges.AdmittedBy.GetValueOrDefault(2) - beforeDeath;
        edges.Live[2] = false;

        // The shards take the dead edge's allowances back once it has been silent this long.
        await Task.Delay(WafRateShards.EdgeSilence + TimeSpan.FromSeconds(1));
        admitted += await edges.SendAsync(rule, "198.51.100.7", 400, requestsPerFlush: 10);
        output.WriteLine($"admitted {admitted}, {lostWithTheEdge} admitted by the dead edge after its last flush");

        Assert.InRange(lostWithTheEdge, 1, 2 * RateEdges.Bound(Limit, 1));
        Assert.InRange(admitted, Limit, Limit + RateEdges.Bound(Limit, 3) + lostWithTheEdge);
    }

    [Fact]
    public async Task A_blocked_ip_passes_again_once_the_window_has_slid()
    {
        var (edges, _) = ThreeEdges();
        // A two-second window (not one WAFv2 accepts) so the slide happens on the real clock.
        var rule = NewRule(10, TimeSpan.FromSeconds(2));
        await edges.SendAsync(rule, "198.51.100.7", 60, requestsPerFlush: 3);
        Assert.Equal(0, await edges.SendAsync(rule, "198.51.100.7", 6, requestsPerFlush: 3));

        // Counts leave between one window and one window plus a sub-window (0.1 s) after they were made.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await edges.FlushAllAsync();
        Assert.Equal(3, await edges.SendAsync(rule, "198.51.100.7", 3, requestsPerFlush: 3));
    }

    [Fact]
    public async Task A_scan_of_many_ips_costs_at_most_one_grain_call_per_shard_per_edge_per_flush()
    {
        var (edges, client) = ThreeEdges();
        var rule = NewRule(Limit, TimeSpan.FromSeconds(60));
        const int Ips = 30_000;
        const int PerFlush = 3_000;
        var admitted = 0;
        for (var i = 0; i < Ips; i += PerFlush)
        {
            admitted += await edges.SendAsyncDistinct(rule, i, PerFlush);
        }

        var flushes = Ips / PerFlush;
        output.WriteLine($"{client.Calls} grain calls for {Ips} IPs over {flushes} flushes of 3 edges");
        Assert.Equal(Ips, admitted);
        Assert.InRange(client.Calls, 1, flushes * 3 * WafRateShards.Count);
    }
}
