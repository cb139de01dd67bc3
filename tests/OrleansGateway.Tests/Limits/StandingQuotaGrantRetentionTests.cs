using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.Limits;

[Collection(GrainClusterCollection.Name)]
public sealed class StandingQuotaGrantRetentionTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task A_key_holding_a_standing_quota_grant_is_not_evicted_when_idle_and_its_next_request_makes_no_grain_call()
    {
        var edge = new EdgeIdentity("edge-standing");
        // Idle eviction every 300 ms for leases idle 300 ms: a lease evicted here would show at once.
        var options = Options.Create(new UsageLeaseOptions
        {
            MeterFlushInterval = TimeSpan.FromMilliseconds(50),
            IdleLeaseLifetime = TimeSpan.FromMilliseconds(300),
        });
        var quotas = TestQuotaLeases.On(fixture, edge, options, TimeProvider.System);
        var throttles = new ThrottleLeases(new ThrottleLeaseClient(fixture.Cluster.Client, edge, options, NullLogger<ThrottleLeaseClient>.Instance), TimeProvider.System);
        var recorder = new UsageRecorder(fixture.Cluster.Client, edge, TimeProvider.System, NullLogger<UsageRecorder>.Instance);
        using var maintenance = new LeaseMaintenanceService(recorder, throttles, quotas, options, TimeProvider.System, NullLogger<LeaseMaintenanceService>.Instance);
        // A large limit: a key's small lease is a standing grant (0.1 % of the limit, half an hour).
        var quota = new QuotaSettings(1_000_000, 0, "DAY");
        var plan = "plan-" + Guid.NewGuid().ToString("N");
        await maintenance.StartAsync(CancellationToken.None);
        try
        {
            Assert.True((await quotas.TryTakeAsync(plan, "key", quota, CancellationToken.None)).Allowed);

            // Idle for several eviction periods (and past QuotaIdleRelease would need 4 s: not reached).
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(2))
            {
                await Task.Delay(100);
                Assert.Equal(1, quotas.Count);
            }
            var next = quotas.TryTakeAsync(plan, "key", quota, CancellationToken.None);
            Assert.True(next.IsCompletedSuccessfully, "the idle key's request waited for a quota call");
            Assert.True((await next).Allowed);
        }
        finally
        {
            await maintenance.StopAsync(CancellationToken.None);
        }
        // Stopping releases what the edge held.
        Assert.Equal(0, quotas.Count);
    }
}
