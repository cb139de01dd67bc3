using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.Limits;

[Collection(GrainClusterCollection.Name)]
public sealed class QuotaLeasesTests(GrainClusterFixture fixture)
{
    [Fact]
    public async Task A_burst_queued_behind_one_renewal_is_admitted_in_full_while_the_quota_has_units()
    {
        // As for throttles: 300 requests released at once after 10 quiet seconds start one renewal
        // that sees a low rate; none may be refused ("Limit Exceeded") while the quota has units.
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var edge = TestQuotaLeases.On(fixture, "edge-burst", clock);
        var quota = new QuotaSettings(10_000, 0, "DAY");
        var planId = "plan-" + Guid.NewGuid().ToString("N");
        Assert.True((await edge.TryTakeAsync(planId, "key", quota, CancellationToken.None)).Allowed);
        clock.Advance(TimeSpan.FromSeconds(10));

        var decisions = await FifoContext.RunAsync(() =>
            Task.WhenAll(Enumerable.Range(0, 300).Select(_ => edge.TryTakeAsync(planId, "key", quota, CancellationToken.None).AsTask())));

        Assert.Equal(300, decisions.Count(d => d.Allowed));
    }
}
