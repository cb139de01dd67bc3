using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.Metering;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.Management.Usage;

/// <summary>One key's usage on one UTC day: requests admitted, and what was left of the quota after that day.</summary>
internal sealed record UsageDay(string KeyId, DateOnly Day, long Used, long Remaining);

/// <summary>
/// Builds usage per key per day from the meter grains. The remainder of a day in the current quota
/// period is worked back from the quota grain's authoritative remainder (so UpdateUsage shows) plus
/// the usage of the days after it; in earlier periods it is the limit less the
/// usage since the period began. A plan without a quota reports 0 remaining.
/// </summary>
internal static class UsageReport
{
    /// <summary>The days of <paramref name="range"/> up to today, for the given keys (or every key with usage or in the plan).</summary>
    public static async Task<IReadOnlyList<UsageDay>> BuildAsync(
        IGrainFactory grains, UsagePlan plan, UsageDateRange range, string? keyId, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var days = range.DaysUpTo(today);
        if (days.Count == 0)
        {
            return [];
        }
        // Usage since the start of the first day's period is needed for that day's remainder.
        var readFrom = plan.Quota is { } q ? DayOf(QuotaPeriod.Containing(q.Period, ToInstant(days[0])).Start) : days[0];
        var counts = await ReadCountsAsync(grains, plan.Id, keyId, readFrom, today);

        var keyIds = new SortedSet<string>(counts.Keys.Select(k => k.KeyId), StringComparer.Ordinal);
        if (keyId is not null)
        {
            keyIds.RemoveWhere(k => k != keyId);
            keyIds.Add(keyId);
        }
        else
        {
            keyIds.UnionWith(await grains.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).GetPlanKeyIds(plan.Id));
        }

        var rows = new List<UsageDay>();
        foreach (var key in keyIds)
        {
            var current = plan.Quota is null ? (QuotaStatus?)null
                : await grains.GetGrain<IQuotaGrain>(IQuotaGrain.KeyOf(plan.Id, key)).GetStatus(plan.Quota);
            foreach (var day in days)
            {
                rows.Add(new UsageDay(key, day, counts.GetValueOrDefault((key, day)), Remaining(plan.Quota, current, counts, key, day, today)));
            }
        }
        return rows;
    }

    private static long Remaining(
        QuotaSettings? quota, QuotaStatus? current, Dictionary<(string KeyId, DateOnly Day), long> counts, string keyId, DateOnly day, DateOnly today)
    {
        if (quota is null || current is null)
        {
            return 0;
        }
        var period = QuotaPeriod.Containing(quota.Period, ToInstant(day));
        if (period.Start == current.PeriodStart)
        {
            var usedLater = 0L;
            for (var d = day.AddDays(1); d <= today; d = d.AddDays(1))
            {
                usedLater += counts.GetValueOrDefault((keyId, d));
            }
            return current.Remaining + usedLater;
        }
        var usedSoFar = 0L;
        for (var d = DayOf(period.Start); d <= day; d = d.AddDays(1))
        {
            usedSoFar += counts.GetValueOrDefault((keyId, d));
        }
        return Math.Max(0, quota.Limit - usedSoFar);
    }

    private static async Task<Dictionary<(string KeyId, DateOnly Day), long>> ReadCountsAsync(
        IGrainFactory grains, string planId, string? keyId, DateOnly from, DateOnly to)
    {
        var reads = new List<Task<(DateOnly Day, IReadOnlyList<UsageCount> Counts)>>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (keyId is not null)
            {
                reads.Add(ReadAsync(grains, day, IUsageMeterGrain.KeyOf(day, keyId), planId));
                continue;
            }
            for (var shard = 0; shard < IUsageMeterGrain.Shards; shard++)
            {
                reads.Add(ReadAsync(grains, day, IUsageMeterGrain.KeyOf(day, shard), planId));
            }
        }
        var counts = new Dictionary<(string KeyId, DateOnly Day), long>();
        foreach (var (day, dayCounts) in await Task.WhenAll(reads))
        {
            foreach (var count in dayCounts)
            {
                counts[(count.KeyId, day)] = counts.GetValueOrDefault((count.KeyId, day)) + count.Count;
            }
        }
        return counts;
    }

    private static async Task<(DateOnly, IReadOnlyList<UsageCount>)> ReadAsync(IGrainFactory grains, DateOnly day, string grainKey, string planId) =>
        (day, await grains.GetGrain<IUsageMeterGrain>(grainKey).GetCounts(planId));

    private static DateTimeOffset ToInstant(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);
}
