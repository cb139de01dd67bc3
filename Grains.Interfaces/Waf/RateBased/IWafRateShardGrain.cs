using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.Waf.RateBased;

/// <summary>
/// The authority for one shard of one rate-based rule's aggregate keys (grain key
/// <see cref="WafRateShards.KeyOf"/>): it holds each key's sliding-window count and the request
/// allowances it granted to edges. Never called per request: each edge sends one batch per shard per
/// flush interval, whatever the number of keys in it.
/// </summary>
[Alias("og.IWafRateShardGrain")]
public interface IWafRateShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds an edge's counts, settles what it spent of its allowances, grants what it asks for while
    /// the keys have headroom, and answers which keys are over the limit.
    /// </summary>
    [Alias("Report")]
    Task<WafRateReply> Report(Immutable<WafRateReport> report);
}
