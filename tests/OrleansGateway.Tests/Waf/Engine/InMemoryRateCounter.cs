using System.Collections.Concurrent;
using OrleansGateway.Edge.DataPlane.Waf.RateBased;

namespace OrleansGateway.Tests.Waf.Engine;

/// <summary>A rate counter for one process and no clock: a key is over the limit once it has sent more than Limit requests.</summary>
internal sealed class InMemoryRateCounter : IWafRateCounter
{
    private readonly ConcurrentDictionary<(string Rule, string Key), int> _counts = new();

    public List<string> Keys { get; } = [];

    public bool CountAndCheck(WafRateRule rule, string aggregateKey)
    {
        lock (Keys)
        {
            Keys.Add(aggregateKey);
        }
        return _counts.AddOrUpdate((rule.RuleName, aggregateKey), 1, (_, count) => count + 1) > rule.Limit;
    }
}
