using System.Globalization;
using OrleansGateway.Edge.Management.Http;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Usage;

/// <summary>The <c>startDate</c>/<c>endDate</c> of a usage query (UTC days, <c>yyyy-MM-dd</c>), both required, at most <see cref="MaxDays"/> days.</summary>
internal readonly record struct UsageDateRange(DateOnly Start, DateOnly End)
{
    /// <summary>Longest range one query may cover (bounds the meter grains one call reads).</summary>
    public const int MaxDays = 90;

    /// <summary>Reads the range from the query string; 400 for a missing, malformed, reversed or too long range.</summary>
    public static UsageDateRange From(HttpRequest request)
    {
        var start = Date(request, "startDate");
        var end = Date(request, "endDate");
        if (end < start)
        {
            throw ManagementException.BadRequest("The endDate must not be before the startDate");
        }
        if (end.DayNumber - start.DayNumber + 1 > MaxDays)
        {
            throw ManagementException.BadRequest($"The date range must not exceed {MaxDays} days");
        }
        return new UsageDateRange(start, end);
    }

    /// <summary>Every day of the range up to <paramref name="today"/>; later days have no usage yet.</summary>
    public IReadOnlyList<DateOnly> DaysUpTo(DateOnly today)
    {
        var days = new List<DateOnly>();
        for (var day = Start; day <= End && day <= today; day = day.AddDays(1))
        {
            days.Add(day);
        }
        return days;
    }

    private static DateOnly Date(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            throw ManagementInput.Missing("GetUsageRequest", name);
        }
        if (text.Length > 10 || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw ManagementException.BadRequest($"Invalid {name} specified: expected yyyy-MM-dd");
        }
        return date;
    }
}
