using System.Diagnostics;
using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.UsagePlans;
using OrleansGateway.Tests.Grains;

namespace OrleansGateway.Tests.Limits;

/// <summary>
/// Keys an edge first saw together renew their standing quota grants (30 minutes) at points spread
/// from half to 85 % of the lifetime, not in one wave. A renewal is seen on the grain: it commits
/// what the edge spent, so <c>Used</c> leaves zero.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class StandingQuotaGrantRenewalTests(GrainClusterFixture fixture)
{
    private const int Keys = 40;
    private static readonly QuotaSettings Quota = new(1_000_000, 0, "DAY");

    [Fact]
    public async Task Keys_granted_together_renew_their_standing_grants_spread_over_the_lifetime_not_together()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var edge = TestQuotaLeases.On(fixture, "edge-spread", clock);
        var plan = "plan-" + Guid.NewGuid().ToString("N");
        var keys = Enumerable.Range(0, Keys).Select(i => "key-" + i).ToArray();
        await TakeOneEachAsync(edge, plan, keys);

        // Before half the lifetime nothing renews.
        clock.Advance(TimeSpan.FromMinutes(14));
        await TakeOneEachAsync(edge, plan, keys);
        await Task.Delay(500);
        Assert.Equal(0, await CountRenewedAsync(plan, keys));

        // At two thirds of it, some keys have renewed and some have not.
        clock.Advance(TimeSpan.FromMinutes(6));
        await TakeOneEachAsync(edge, plan, keys);
        await WaitForRenewalsAsync(plan, keys, atLeast: 1);
        await Task.Delay(500);
        var renewed = await CountRenewedAsync(plan, keys);
        Assert.InRange(renewed, 1, Keys - 1);

        // Past 85 % every key has renewed, each committing the three units its edge spent.
        clock.Advance(TimeSpan.FromMinutes(6));
        await TakeOneEachAsync(edge, plan, keys);
        Assert.Equal(Keys, await WaitForRenewalsAsync(plan, keys, atLeast: Keys));
        var used = await Task.WhenAll(keys.Select(key => TestQuotaLeases.StatusOf(fixture, plan, key, Quota)));
        Assert.All(used, status => Assert.True(status.Used >= 3, $"used {status.Used}"));
        await edge.EvictIdleAsync(TimeSpan.Zero);
    }

    private static async Task TakeOneEachAsync(QuotaLeases edge, string plan, string[] keys)
    {
        foreach (var key in keys)
        {
            var take = edge.TryTakeAsync(plan, key, Quota, CancellationToken.None);
            Assert.True((await take).Allowed);
        }
    }

    private async Task<int> WaitForRenewalsAsync(string plan, string[] keys, int atLeast)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var renewed = await CountRenewedAsync(plan, keys);
            if (renewed >= atLeast || watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                return renewed;
            }
            await Task.Delay(50);
        }
    }

    private async Task<int> CountRenewedAsync(string plan, string[] keys) =>
        (await Task.WhenAll(keys.Select(key => TestQuotaLeases.StatusOf(fixture, plan, key, Quota)))).Count(status => status.Used > 0);
}
