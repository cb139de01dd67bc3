using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Waf.RateBased;

namespace OrleansGateway.Grains.Waf.RateBased;

/// <summary>
/// One shard of a rate-based rule's keys. Memory only, like <c>ThrottleGrain</c>: counts over a
/// window of minutes are cheap to lose (a silo crash forgets them, so a blocked key may be let
/// through early once) and costly to persist (one write per batch for every key of a scan).
/// </summary>
public sealed class WafRateShardGrain(TimeProvider clock) : Grain, IWafRateShardGrain
{
    private readonly WafRateLedger _ledger = new(clock);

    /// <inheritdoc />
    public Task<WafRateReply> Report(Immutable<WafRateReport> report)
    {
        ArgumentNullException.ThrowIfNull(report.Value);
        return Task.FromResult(_ledger.Apply(report.Value));
    }
}
