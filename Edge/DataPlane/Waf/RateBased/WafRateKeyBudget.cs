namespace OrleansGateway.Edge.DataPlane.Waf.RateBased;

/// <summary>
/// How many keys this edge tracks across all rules, against <see cref="WafRateOptions.MaxTrackedKeys"/>.
/// Kept apart because <c>ConcurrentDictionary.Count</c> takes every lock of the dictionary.
/// </summary>
internal sealed class WafRateKeyBudget(int max)
{
    private int _count;

    /// <summary>Keys tracked now.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Whether more keys are tracked than the budget allows (idle ones are then evicted early).</summary>
    public bool IsOver => Count > max;

    /// <summary>Counts a key added.</summary>
    public void Add() => Interlocked.Increment(ref _count);

    /// <summary>Counts a key evicted.</summary>
    public void Remove() => Interlocked.Decrement(ref _count);
}
