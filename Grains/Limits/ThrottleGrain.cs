using OrleansGateway.Grains.Interfaces.Limits;

namespace OrleansGateway.Grains.Limits;

/// <summary>
/// One token bucket shared by every edge. The bucket lives in memory only: a throttle is a rate over
/// the last second or so, so a bucket lost with a silo comes back full on its next activation, which
/// admits at most one extra burst — cheaper and no less correct than writing a bucket to Redis on
/// every lease. Tokens are valid on the edge for <see cref="ThrottleGrants.GrantLifetime"/> only, so
/// what an edge holds cannot build up beyond one window of the rate.
/// </summary>
public sealed class ThrottleGrain(TimeProvider clock) : Grain, IThrottleGrain
{
    private TokenBucket? _bucket;

    /// <inheritdoc />
    public Task<ThrottleGrant> Lease(ThrottleLeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _bucket = ThrottleGrants.Configure(_bucket, request.Settings, clock);
        return Task.FromResult(ThrottleGrants.Lease(_bucket, request.Want, request.Returned, borrowed: 0));
    }
}
