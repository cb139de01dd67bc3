using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.Limits;

/// <summary>
/// An edge keeps at most <see cref="UsageLeaseOptions.MaxQuotaLeases"/> quota leases: beyond that the
/// leases unused longest report what they spent and release the rest, and recently used keys keep
/// their units in hand.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class QuotaLeaseOverflowTests(GrainClusterFixture fixture)
{
    private static readonly QuotaSettings Quota = new(1_000_000, 0, "DAY");

    [Fact]
    public async Task Beyond_the_lease_bound_the_keys_unused_longest_report_and_release_and_the_rest_keep_their_units()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var edge = TestQuotaLeases.On(fixture, "edge-overflow", clock);
        var plan = "plan-" + Guid.NewGuid().ToString("N");
        var keys = Enumerable.Range(0, 5).Select(i => "key-" + i).ToArray();
        foreach (var key in keys)
        {
            Assert.True((await edge.TryTakeAsync(plan, key, Quota, CancellationToken.None)).Allowed);
            clock.Advance(TimeSpan.FromSeconds(1));
        }
        // key-4 was used 1 s ago: not idle for 2 s, so it stays even though it is over the bound.
        Assert.Equal(0, await edge.EvictOverflowAsync(maxLeases: 5, TimeSpan.FromSeconds(2)));

        var released = await edge.EvictOverflowAsync(maxLeases: 3, TimeSpan.FromSeconds(2));

        Assert.Equal(2, released);
        Assert.Equal(3, edge.Count);
        var statuses = await Task.WhenAll(keys.Select(key => TestQuotaLeases.StatusOf(fixture, plan, key, Quota)));
        // The two oldest committed their one unit and hold nothing; the rest have reported nothing yet.
        Assert.Equal([1L, 1L, 0L, 0L, 0L], statuses.Select(s => s.Used).ToArray());
        Assert.Equal(1_000_000 - 1, statuses[0].Remaining);
        Assert.True(statuses[4].Remaining < 1_000_000, "a kept key's standing grant is still outstanding");
        var kept = edge.TryTakeAsync(plan, "key-4", Quota, CancellationToken.None);
        Assert.True(kept.IsCompletedSuccessfully, "a kept key waited for a quota call");
        await edge.EvictIdleAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task The_lease_maintenance_service_holds_an_edge_to_MaxQuotaLeases_releasing_the_oldest()
    {
        var edge = new EdgeIdentity("edge-overflow-service");
        var options = Options.Create(new UsageLeaseOptions
        {
            MeterFlushInterval = TimeSpan.FromMilliseconds(50),
            QuotaIdleRelease = TimeSpan.FromMilliseconds(200),
            MaxQuotaLeases = 2,
        });
        var quotas = TestQuotaLeases.On(fixture, edge, options, TimeProvider.System);
        var throttles = new ThrottleLeases(new ThrottleLeaseClient(fixture.Cluster.Client, edge, options, NullLogger<ThrottleLeaseClient>.Instance), TimeProvider.System);
        var recorder = new UsageRecorder(fixture.Cluster.Client, edge, TimeProvider.System, NullLogger<UsageRecorder>.Instance);
        using var maintenance = new LeaseMaintenanceService(recorder, throttles, quotas, options, TimeProvider.System, NullLogger<LeaseMaintenanceService>.Instance);
        var plan = "plan-" + Guid.NewGuid().ToString("N");
        var keys = Enumerable.Range(0, 4).Select(i => "key-" + i).ToArray();
        foreach (var key in keys)
        {
            Assert.True((await quotas.TryTakeAsync(plan, key, Quota, CancellationToken.None)).Allowed);
            await Task.Delay(30);
        }
        await maintenance.StartAsync(CancellationToken.None);
        try
        {
            var watch = Stopwatch.StartNew();
            while (quotas.Count > 2 && watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }

            Assert.Equal(2, quotas.Count);
            var statuses = await Task.WhenAll(keys.Select(key => TestQuotaLeases.StatusOf(fixture, plan, key, Quota)));
            // Standing grants last half an hour: only the bound released the two oldest, each committing its unit.
            Assert.Equal([1L, 1L, 0L, 0L], statuses.Select(s => s.Used).ToArray());
        }
        finally
        {
            await maintenance.StopAsync(CancellationToken.None);
        }
    }
}
