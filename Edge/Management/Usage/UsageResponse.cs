using System.Globalization;

namespace OrleansGateway.Edge.Management.Usage;

/// <summary>
/// API Gateway's <c>Usage</c>: <c>values</c> maps each key id to one <c>[used, remaining]</c> pair per
/// day of the range (days after today are left out).
/// </summary>
internal sealed record UsageResponse(
    string UsagePlanId,
    string StartDate,
    string EndDate,
    IReadOnlyDictionary<string, IReadOnlyList<IReadOnlyList<long>>> Values,
    string? Position)
{
    /// <summary>The response for <paramref name="rows"/> (already cut to one page of keys).</summary>
    public static UsageResponse From(string planId, UsageDateRange range, IEnumerable<UsageDay> rows, string? position)
    {
        var values = new SortedDictionary<string, IReadOnlyList<IReadOnlyList<long>>>(StringComparer.Ordinal);
        foreach (var key in rows.GroupBy(r => r.KeyId, StringComparer.Ordinal))
        {
            values[key.Key] = key.OrderBy(r => r.Day).Select(r => (IReadOnlyList<long>)[r.Used, r.Remaining]).ToList();
        }
        return new UsageResponse(planId, Format(range.Start), Format(range.End), values, position);
    }

    /// <summary>A day as the wire carries it.</summary>
    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
