using System.Collections.Concurrent;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// Every throttle bucket this edge is spending, one <see cref="ThrottleLease"/> each. Buckets unused
/// for a while are evicted by <see cref="EvictIdleAsync"/> so memory follows the active keys.
/// </summary>
internal sealed class ThrottleLeases(ThrottleLeaseClient client, TimeProvider clock) : IThrottleLeases
{
    private readonly ConcurrentDictionary<string, ThrottleLease> _leases = new(StringComparer.Ordinal);

    /// <summary>Buckets currently held.</summary>
    public int Count => _leases.Count;

    /// <inheritdoc />
    public ValueTask<LimitDecision> TryTakeAsync(string bucketKey, ThrottleSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bucketKey);
        ArgumentNullException.ThrowIfNull(settings);
        while (true)
        {
            var lease = _leases.GetOrAdd(bucketKey, static (key, state) => new ThrottleLease(key, state.client, state.clock), (client, clock));
            if (!lease.IsRetired)
            {
                return lease.TryTakeAsync(settings, cancellationToken);
            }
            // Evicted between lookup and use: its removal is already done or about to be.
            _leases.TryRemove(new KeyValuePair<string, ThrottleLease>(bucketKey, lease));
        }
    }

    /// <summary>Evicts buckets unused for <paramref name="idleFor"/> (all of them with <see cref="TimeSpan.Zero"/>), returning their tokens.</summary>
    public async Task EvictIdleAsync(TimeSpan idleFor)
    {
        var threshold = clock.GetTimestamp() - (long)(idleFor.TotalSeconds * clock.TimestampFrequency);
        var returns = new List<Task>();
        foreach (var (key, lease) in _leases)
        {
            if ((idleFor == TimeSpan.Zero || lease.IsIdleSince(threshold))
                && _leases.TryRemove(new KeyValuePair<string, ThrottleLease>(key, lease)))
            {
                returns.Add(lease.RetireAsync());
            }
        }
        await Task.WhenAll(returns);
    }
}
