using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Tests.Limits;

public sealed class QuotaPeriodTests
{
    private static readonly DateTimeOffset Thursday = new(2025, 3, 6, 17, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_day_runs_from_utc_midnight_to_midnight()
    {
        var period = QuotaPeriod.Containing("DAY", Thursday.ToOffset(TimeSpan.FromHours(9)));
        Assert.Equal(new DateTimeOffset(2025, 3, 6, 0, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2025, 3, 7, 0, 0, 0, TimeSpan.Zero), period.End);
    }

    [Fact]
    public void A_week_starts_on_monday_even_from_a_sunday()
    {
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero), QuotaPeriod.Containing("WEEK", Thursday).Start);
        var sunday = new DateTimeOffset(2025, 3, 9, 23, 0, 0, TimeSpan.Zero);
        var period = QuotaPeriod.Containing("WEEK", sunday);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 0, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero), period.End);
    }

    [Fact]
    public void A_month_starts_on_the_first()
    {
        var period = QuotaPeriod.Containing("MONTH", new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), period.Start);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), period.End);
    }

    [Fact]
    public void The_offset_is_subtracted_in_the_first_period_only()
    {
        var quota = new QuotaSettings(100, 30, "DAY");
        var first = QuotaPeriod.Containing("DAY", Thursday);
        Assert.Equal(70, first.LimitIn(quota, first.Start));
        var next = QuotaPeriod.Containing("DAY", Thursday.AddDays(1));
        Assert.Equal(100, next.LimitIn(quota, first.Start));
        Assert.Equal(0, first.LimitIn(new QuotaSettings(10, 30, "DAY"), first.Start));
    }

    [Fact]
    public void An_unknown_period_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => QuotaPeriod.Containing("YEAR", Thursday));
    }
}
