namespace OrleansGateway.Grains.Interfaces.Waf.RateBased;

/// <summary>
/// A shard's answer to a <see cref="WafRateReport"/>. Sparse: only keys past a quarter of the limit,
/// granted an allowance, or over the limit have a verdict, so a scan of many one-off keys costs a
/// small reply; a key without one is well under its limit.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.WafRateReply")]
public sealed record WafRateReply([property: Id(0)] IReadOnlyList<WafRateVerdict> Verdicts);
