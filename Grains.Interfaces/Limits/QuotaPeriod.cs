using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>
/// One calendar quota period in UTC: DAY from midnight, WEEK from Monday, MONTH from the 1st.
/// Shared by the quota grain and the management API's usage report so both cut time the same way.
/// </summary>
public readonly record struct QuotaPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>The period names API Gateway accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["DAY", "WEEK", "MONTH"];

    /// <summary>The period of kind <paramref name="period"/> that contains <paramref name="instant"/>.</summary>
    public static QuotaPeriod Containing(string period, DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        var day = new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
        switch (period)
        {
            case "DAY":
                return new QuotaPeriod(day, day.AddDays(1));
            case "WEEK":
                // DayOfWeek counts from Sunday; API Gateway's weeks start on Monday.
                var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
                var monday = day.AddDays(-sinceMonday);
                return new QuotaPeriod(monday, monday.AddDays(7));
            case "MONTH":
                var first = new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
                return new QuotaPeriod(first, first.AddMonths(1));
            default:
                throw new ArgumentException($"Unknown quota period '{period}'.", nameof(period));
        }
    }

    /// <summary>
    /// The limit in force during this period: the plan's limit, less its offset in the first period
    /// (the one containing <paramref name="firstPeriodStart"/>), never negative.
    /// </summary>
    public long LimitIn(QuotaSettings quota, DateTimeOffset firstPeriodStart)
    {
        ArgumentNullException.ThrowIfNull(quota);
        var offset = Start == firstPeriodStart ? quota.Offset : 0;
        return Math.Max(0, (long)quota.Limit - Math.Max(0, offset));
    }

    /// <summary>Whether <paramref name="instant"/> falls inside this period.</summary>
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}
