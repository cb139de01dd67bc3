namespace OrleansGateway.Grains.Interfaces.Waf.RateBased;

/// <summary>How a rate-based rule's aggregate keys are spread over <see cref="IWafRateShardGrain"/>s.</summary>
public static class WafRateShards
{
    /// <summary>
    /// Shards per rule: fixed, because every edge must send a key to the same grain. Eight bounds an
    /// edge's calls to one rule at eight per flush, however many keys a scan brings.
    /// </summary>
    public const int Count = 8;

    /// <summary>
    /// How long a shard keeps an edge's allowances without hearing from it. An edge holding any
    /// allowance reports (or sends an empty batch) well within this; one that does not is taken for
    /// dead and its allowances go back to the other edges.
    /// </summary>
    public static readonly TimeSpan EdgeSilence = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The grain holding shard <paramref name="shard"/> of a rule. The window is part of the key: a
    /// rule whose window changes starts a new count (the old grains' sub-windows mean another length),
    /// while edges still flushing the old rule do not disturb it.
    /// </summary>
    public static string KeyOf(string webAclArn, string ruleName, TimeSpan evaluationWindow, int shard)
    {
        ArgumentNullException.ThrowIfNull(webAclArn);
        ArgumentNullException.ThrowIfNull(ruleName);
        return $"{webAclArn}|{ruleName}|{(long)evaluationWindow.TotalSeconds}|{shard}";
    }

    /// <summary>The shard of <paramref name="aggregateKey"/>: FNV-1a, because <c>string.GetHashCode</c> differs per process.</summary>
    public static int ShardOf(string aggregateKey)
    {
        ArgumentNullException.ThrowIfNull(aggregateKey);
        var hash = 2166136261u;
        foreach (var c in aggregateKey)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        return (int)(hash % Count);
    }
}
