using OrleansGateway.Edge.DataPlane.Waf.RateBased;
using OrleansGateway.Grains.Interfaces.Waf.RateBased;
using OrleansGateway.Grains.Waf.RateBased;

namespace OrleansGateway.Tests.Waf.RateBased;

/// <summary>
/// The shard grains without a cluster: one real <see cref="WafRateLedger"/> per grain key on the
/// test's clock, every call counted; <see cref="Unreachable"/> makes every call fail like a lost silo.
/// </summary>
internal sealed class LedgerShardClient(TimeProvider clock) : IWafRateShardClient
{
    private readonly Dictionary<string, WafRateLedger> _ledgers = new(StringComparer.Ordinal);

    public int Calls { get; private set; }

    public bool Unreachable { get; set; }

    public int LedgerKeys => _ledgers.Values.Sum(ledger => ledger.TrackedKeys);

    public Task<WafRateReply?> TryReportAsync(string shardKey, WafRateReport report)
    {
        Calls++;
        if (Unreachable)
        {
            return Task.FromResult<WafRateReply?>(null);
        }
        if (!_ledgers.TryGetValue(shardKey, out var ledger))
        {
            _ledgers[shardKey] = ledger = new WafRateLedger(clock);
        }
        return Task.FromResult<WafRateReply?>(ledger.Apply(report));
    }
}
