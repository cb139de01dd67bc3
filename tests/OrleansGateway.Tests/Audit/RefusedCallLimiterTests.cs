using OrleansGateway.Edge.Management.Audit;
using OrleansGateway.Tests.Limits;

namespace OrleansGateway.Tests.Audit;

public sealed class RefusedCallLimiterTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Each_source_gets_its_own_allowance_per_window_and_the_rest_is_summarised_once()
    {
        var limiter = new RefusedCallLimiter(perSource: 3, total: 100, TimeSpan.FromMinutes(1), _clock);

        var first = Enumerable.Range(0, 10).Count(_ => limiter.TryAdmit("10.0.0.1"));
        var second = Enumerable.Range(0, 4).Count(_ => limiter.TryAdmit("10.0.0.2"));
        Assert.Equal(3, first);
        Assert.Equal(3, second);
        Assert.Null(limiter.TakeSummary());

        _clock.Advance(TimeSpan.FromMinutes(1));
        var summary = limiter.TakeSummary();
        Assert.NotNull(summary);
        Assert.Equal(8, summary.Suppressed);
        Assert.Equal(2, summary.SourceCount);
        Assert.Equal([("10.0.0.1", 7L), ("10.0.0.2", 1L)], summary.TopSources);
        Assert.Null(limiter.TakeSummary());
        Assert.True(limiter.TryAdmit("10.0.0.1"));
    }

    [Fact]
    public void A_flood_from_many_addresses_is_bounded_by_the_total()
    {
        var limiter = new RefusedCallLimiter(perSource: 5, total: 50, TimeSpan.FromMinutes(1), _clock);

        var admitted = Enumerable.Range(0, 1000).Count(i => limiter.TryAdmit($"2001:db8::{i:x}"));

        Assert.Equal(50, admitted);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var summary = limiter.TakeSummary()!;
        Assert.Equal(950, summary.Suppressed);
        Assert.Equal(RefusedCallSummary.MaxListedSources, summary.TopSources.Count);
    }

    [Fact]
    public void An_untaken_summary_is_merged_into_the_next_rather_than_lost()
    {
        var limiter = new RefusedCallLimiter(perSource: 1, total: 100, TimeSpan.FromMinutes(1), _clock);
        limiter.TryAdmit("10.0.0.1");
        limiter.TryAdmit("10.0.0.1");
        _clock.Advance(TimeSpan.FromMinutes(1));
        limiter.TryAdmit("10.0.0.1");
        limiter.TryAdmit("10.0.0.1");
        limiter.TryAdmit("10.0.0.1");
        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(3, limiter.TakeSummary()!.Suppressed);
    }
}
