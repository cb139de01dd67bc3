using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// The edge's side of the throttle buckets: spends tokens leased from <c>IThrottleGrain</c>s with an
/// atomic decrement, renewing off the request path. Completes synchronously whenever the edge holds
/// tokens (or knows the bucket is empty); waits only for a cold bucket's first lease.
/// </summary>
public interface IThrottleLeases
{
    /// <summary>Takes one token from the bucket <paramref name="bucketKey"/> (a <c>ThrottleKeys</c> value).</summary>
    ValueTask<LimitDecision> TryTakeAsync(string bucketKey, ThrottleSettings settings, CancellationToken cancellationToken);
}
