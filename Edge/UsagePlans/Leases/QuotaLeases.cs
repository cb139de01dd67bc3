using System.Collections.Concurrent;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// Every key quota this edge is spending, one <see cref="QuotaLease"/> each. Keys unused for a while
/// are evicted by <see cref="EvictIdleAsync"/>, reporting and releasing what they hold.
/// </summary>
internal sealed class QuotaLeases(QuotaLeaseClient client, TimeProvider clock) : IQuotaLeases
{
    private readonly ConcurrentDictionary<(string PlanId, string KeyId), QuotaLease> _leases = new();

    /// <summary>Keys currently held.</summary>
    public int Count => _leases.Count;

    /// <inheritdoc />
    public ValueTask<LimitDecision> TryTakeAsync(string planId, string keyId, QuotaSettings quota, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planId);
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(quota);
        var key = (planId, keyId);
        while (true)
        {
            var lease = _leases.GetOrAdd(key, static (k, state) => new QuotaLease(k.PlanId, k.KeyId, state.client, state.clock), (client, clock));
            if (!lease.IsRetired)
            {
                return lease.TryTakeAsync(quota, cancellationToken);
            }
            _leases.TryRemove(new KeyValuePair<(string, string), QuotaLease>(key, lease));
        }
    }

    /// <summary>Evicts keys unused for <paramref name="idleFor"/> (all of them with <see cref="TimeSpan.Zero"/>), releasing their units.</summary>
    public Task EvictIdleAsync(TimeSpan idleFor) => EvictIdleAsync(idleFor, expiringWithin: null);

    /// <summary>
    /// Evicts keys unused for <paramref name="idleFor"/> whose grant expires within
    /// <paramref name="expiringWithin"/> (any grant when null), releasing their units before the
    /// grain would count them as used.
    /// </summary>
    public async Task EvictIdleAsync(TimeSpan idleFor, TimeSpan? expiringWithin)
    {
        var now = clock.GetTimestamp();
        var threshold = now - (long)(idleFor.TotalSeconds * clock.TimestampFrequency);
        var expiryHorizon = expiringWithin is { } within ? now + (long)(within.TotalSeconds * clock.TimestampFrequency) : long.MaxValue;
        var releases = new List<Task>();
        foreach (var (key, lease) in _leases)
        {
            if ((idleFor == TimeSpan.Zero || lease.IsIdleSince(threshold) && lease.ExpiresBefore(expiryHorizon))
                && _leases.TryRemove(new KeyValuePair<(string, string), QuotaLease>(key, lease)))
            {
                releases.Add(lease.RetireAsync());
            }
        }
        await Task.WhenAll(releases);
    }

    /// <summary>
    /// Keeps at most <paramref name="maxLeases"/> leases: beyond that, the leases unused longest (and
    /// for at least <paramref name="idleFor"/>) report and release what they hold. Standing grants last
    /// half an hour, so without this the edge would hold a lease for every key seen in that time.
    /// </summary>
    /// <returns>How many leases were released.</returns>
    public async Task<int> EvictOverflowAsync(int maxLeases, TimeSpan idleFor)
    {
        var excess = _leases.Count - maxLeases;
        if (excess <= 0)
        {
            return 0;
        }
        var threshold = clock.GetTimestamp() - (long)(idleFor.TotalSeconds * clock.TimestampFrequency);
        var candidates = new List<(long LastUsed, (string, string) Key, QuotaLease Lease)>();
        foreach (var (key, lease) in _leases)
        {
            if (lease.IsIdleSince(threshold))
            {
                candidates.Add((lease.LastUsed, key, lease));
            }
        }
        candidates.Sort(static (a, b) => a.LastUsed.CompareTo(b.LastUsed));
        var releases = new List<Task>(Math.Min(excess, candidates.Count));
        foreach (var (_, key, lease) in candidates)
        {
            if (releases.Count >= excess)
            {
                break;
            }
            if (_leases.TryRemove(new KeyValuePair<(string, string), QuotaLease>(key, lease)))
            {
                releases.Add(lease.RetireAsync());
            }
        }
        await Task.WhenAll(releases);
        return releases.Count;
    }
}
