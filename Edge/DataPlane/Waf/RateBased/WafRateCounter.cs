using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;

namespace OrleansGateway.Edge.DataPlane.Waf.RateBased;

/// <summary>
/// The edge's <see cref="IWafRateCounter"/>: counts locally per rule and key, learns from the rule's
/// shard grains (<see cref="FlushAsync"/>, every <see cref="WafRateOptions.FlushInterval"/>) which keys
/// are over their limit and how much each key may still admit here. See
/// docs/protection/waf-rate-based.md for the design and its bounds.
/// </summary>
internal sealed class WafRateCounter(IWafRateShardClient client, EdgeIdentity edge, IOptions<WafRateOptions> options, TimeProvider clock)
    : IWafRateCounter
{
    private readonly ConcurrentDictionary<WafRateRule, WafRateRuleCounter> _rules = new();
    private readonly ConditionalWeakTable<WafRateRule, WafRateRuleCounter> _byInstance = new();
    private readonly WafRateKeyBudget _budget = new(options.Value.MaxTrackedKeys);
    private readonly WafRateOptions _options = options.Value;
    private readonly TimeProvider _clock = clock;

    /// <summary>Keys tracked across all rules.</summary>
    public int TrackedKeys => _budget.Count;

    /// <inheritdoc />
    public bool CountAndCheck(WafRateRule rule, string aggregateKey)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(aggregateKey);
        // The engine passes the same rule instance for every request of a compiled web ACL: looking
        // it up by reference first skips hashing and comparing the ARN on every call.
        if (!_byInstance.TryGetValue(rule, out var counter) || counter.IsRetired)
        {
            counter = _rules.GetOrAdd(rule, static (r, self) => new WafRateRuleCounter(r, self._options, self._budget, self._clock), this);
            _byInstance.AddOrUpdate(rule, counter);
        }
        return counter.CountAndCheck(aggregateKey);
    }

    /// <summary>
    /// Sends every rule's counts to its shards and takes in their answers; rules no longer counting
    /// (a web ACL changed or went) are dropped once their keys are. Not reentrant: one caller.
    /// </summary>
    public async Task FlushAsync()
    {
        await Task.WhenAll(_rules.Values.Select(rule => rule.FlushAsync(client, edge.Id, releaseAll: false)));
        var now = _clock.GetTimestamp();
        foreach (var (rule, counter) in _rules)
        {
            if (counter.IsEmpty && _clock.GetElapsedTime(counter.LastUsed, now) > rule.EvaluationWindow)
            {
                if (_rules.TryRemove(new KeyValuePair<WafRateRule, WafRateRuleCounter>(rule, counter)))
                {
                    counter.Retire();
                }
            }
        }
    }

    /// <summary>Sends the last counts and gives every allowance back (the edge is stopping).</summary>
    public Task ReleaseAllAsync() =>
        Task.WhenAll(_rules.Values.Select(rule => rule.FlushAsync(client, edge.Id, releaseAll: true)));
}
