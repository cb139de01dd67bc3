using OrleansGateway.Edge.UsagePlans.Leases;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Tests.Limits;

public sealed class LeaseSizingTests
{
    [Fact]
    public void A_throttle_lease_asks_for_one_window_of_demand_within_one_and_the_burst()
    {
        var settings = new ThrottleSettings(100, 50);
        Assert.Equal(30, LeaseSizing.ThrottleWant(30, TimeSpan.FromSeconds(1), settings));
        Assert.Equal(50, LeaseSizing.ThrottleWant(1000, TimeSpan.FromSeconds(1), settings));
        Assert.Equal(1, LeaseSizing.ThrottleWant(0, TimeSpan.FromSeconds(1), settings));
    }

    [Fact]
    public void A_quota_lease_asks_for_one_window_of_demand_within_the_cap()
    {
        Assert.Equal(50, LeaseSizing.QuotaWant(10, TimeSpan.FromSeconds(5)));
        Assert.Equal(LeaseSizing.MaxQuotaWant, LeaseSizing.QuotaWant(1e9, TimeSpan.FromSeconds(5)));
        Assert.Equal(1, LeaseSizing.QuotaWant(0, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void A_lease_asks_for_at_least_one_unit_per_waiting_request_within_its_cap()
    {
        var settings = new ThrottleSettings(100, 500);
        Assert.Equal(300, LeaseSizing.ThrottleWant(30, TimeSpan.FromSeconds(1), settings, waiting: 300));
        Assert.Equal(500, LeaseSizing.ThrottleWant(30, TimeSpan.FromSeconds(1), settings, waiting: 900));
        Assert.Equal(300, LeaseSizing.QuotaWant(30, TimeSpan.FromSeconds(1), waiting: 300));
        Assert.Equal(LeaseSizing.MaxQuotaWant, LeaseSizing.QuotaWant(1, TimeSpan.FromSeconds(1), waiting: 50_000));
    }

    [Fact]
    public void Demand_over_a_very_short_interval_is_measured_over_the_minimum()
    {
        Assert.Equal(50, LeaseSizing.DemandRate(5, TimeSpan.Zero));
        Assert.Equal(10, LeaseSizing.DemandRate(20, TimeSpan.FromSeconds(2)));
    }
}
