using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Grains.Limits;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.Limits;

[Collection(GrainClusterCollection.Name)]
public sealed class QuotaGrainTests(GrainClusterFixture fixture)
{
    private static readonly QuotaSettings Daily1000 = new(1000, 0, "DAY");

    private IQuotaGrain NewQuota() => fixture.Cluster.GrainFactory.GetGrain<IQuotaGrain>(IQuotaGrain.KeyOf("plan", Guid.NewGuid().ToString("N")));

    [Fact]
    public async Task Edges_leasing_concurrently_never_admit_more_than_the_limit_and_reach_it()
    {
        var quota = NewQuota();
        var admitted = await Task.WhenAll(Enumerable.Range(0, 5).Select(edge => SpendEverythingAsync(quota, $"edge-{edge}")));
        Assert.True(admitted.Sum() <= 1000, $"admitted {admitted.Sum()}");
        Assert.True(admitted.Sum() >= 990, $"admitted {admitted.Sum()}");
        var status = await quota.GetStatus(Daily1000);
        Assert.Equal(0, status.Remaining);
    }

    [Fact]
    public async Task A_grant_its_edge_stops_renewing_is_counted_as_used_and_its_late_report_ignored()
    {
        var quota = NewQuota();
        var abandoned = await quota.Lease(new QuotaLeaseRequest("dead-edge", 0, 0, false, 100, Daily1000));
        Assert.Equal(100, abandoned.Units);
        await Task.Delay(QuotaLedger.GrantLifetime + QuotaLedger.ForfeitMargin + TimeSpan.FromMilliseconds(500));

        var status = await quota.GetStatus(Daily1000);
        Assert.Equal(100, status.Used);
        Assert.Equal(900, status.Remaining);

        var late = await quota.Lease(new QuotaLeaseRequest("dead-edge", abandoned.Epoch, 100, true, 0, Daily1000));
        Assert.Equal(900, late.Remaining);
        Assert.Equal(100, (await quota.GetStatus(Daily1000)).Used);
    }

    [Fact]
    public async Task Update_usage_sets_the_remainder_every_edge_leases_from()
    {
        var quota = NewQuota();
        var status = await quota.SetRemaining(3, Daily1000);
        Assert.Equal(3, status.Remaining);
        var grant = await quota.Lease(new QuotaLeaseRequest("edge", 0, 0, false, 100, Daily1000));
        Assert.InRange(grant.Units, 1, 3);
    }

    [Fact]
    public async Task A_grain_that_gave_a_standing_grant_deactivates_and_comes_back_with_its_ledger()
    {
        var quota = NewQuota();
        var standing = await quota.Lease(new QuotaLeaseRequest("edge", 0, 0, false, 1, Daily1000));
        Assert.Equal(QuotaLedger.StandingGrantLifetime, standing.ValidFor);
        for (var i = 0; i < 100 && await ActivationsOf(quota) > 0; i++)
        {
            await Task.Delay(50);
        }
        Assert.Equal(0, await ActivationsOf(quota));

        // Re-activated from storage: the standing unit is still held, and its report is committed.
        Assert.Equal(999, (await quota.GetStatus(Daily1000)).Remaining);
        await quota.Lease(new QuotaLeaseRequest("edge", standing.Epoch, 1, true, 0, Daily1000));
        Assert.Equal(1, (await quota.GetStatus(Daily1000)).Used);
    }

    [Fact]
    public async Task A_grain_that_gave_a_short_grant_stays_active_for_its_edge()
    {
        var quota = NewQuota();
        var grant = await quota.Lease(new QuotaLeaseRequest("edge", 0, 0, false, 100, Daily1000));
        Assert.Equal(QuotaLedger.GrantLifetime, grant.ValidFor);
        await Task.Delay(1000);
        Assert.Equal(1, await ActivationsOf(quota));
    }

    private Task<int> ActivationsOf(IQuotaGrain quota) =>
        fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)quota);

    private static async Task<long> SpendEverythingAsync(IQuotaGrain quota, string edgeId)
    {
        long epoch = 0, unreported = 0, admitted = 0;
        for (var call = 0; call < 5000; call++)
        {
            var grant = await quota.Lease(new QuotaLeaseRequest(edgeId, epoch, unreported, false, 20, Daily1000));
            epoch = grant.Epoch;
            // The simulated edge spends its whole grant at once and reports it with the next call.
            admitted += grant.Units;
            unreported = grant.Units;
            if (grant.Units == 0)
            {
                if (grant.RetryAfter > TimeSpan.FromMinutes(1))
                {
                    return admitted;
                }
                await Task.Delay(5);
            }
        }
        return admitted;
    }
}
