using System.Collections.Concurrent;
using OrleansGateway.Edge.DataPlane.Waf.RateBased;

namespace OrleansGateway.Waf.Benchmarks;

/// <summary>
/// A local counter with the same shape of work as the edge's lease-backed one on its hot path (one
/// dictionary update per request and key, no remote call), so the rate rule costs what it would.
/// </summary>
internal sealed class InMemoryRateCounter : IWafRateCounter
{
    private readonly ConcurrentDictionary<(string Rule, string Key), long> _counts = new();

    public bool CountAndCheck(WafRateRule rule, string aggregateKey) =>
        _counts.AddOrUpdate((rule.RuleName, aggregateKey), 1, static (_, count) => count + 1) > rule.Limit;
}
