namespace OrleansGateway.Grains.Interfaces.Waf.RateBased;

/// <summary>
/// What a shard says about one key of a report.
/// </summary>
/// <param name="Index">The key's position in the report's <see cref="WafRateReport.Keys"/>.</param>
/// <param name="Count">The key's cluster-wide count in the window, this report included.</param>
/// <param name="Grant">Allowance added for the reporting edge (0 when over the limit or no headroom).</param>
/// <param name="BlockedFor">
/// When over the limit, how long until the count falls back to it if no more requests come
/// (<see cref="TimeSpan.Zero"/>: not over the limit).
/// </param>
[GenerateSerializer, Immutable, Alias("og.WafRateVerdict")]
public sealed record WafRateVerdict(
    [property: Id(0)] int Index,
    [property: Id(1)] long Count,
    [property: Id(2)] long Grant,
    [property: Id(3)] TimeSpan BlockedFor);
