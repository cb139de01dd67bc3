namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>
/// The authority for one token bucket, shared by every edge. Keys (see <see cref="ThrottleKeys"/>):
/// account, stage method, plan × key, plan × key × method. Never called per request: edges lease
/// tokens in batches sized from their observed rate.
/// </summary>
[Alias("og.IThrottleGrain")]
public interface IThrottleGrain : IGrainWithStringKey
{
    /// <summary>Takes up to <c>Want</c> tokens from the bucket (after adding back <c>Returned</c>).</summary>
    [Alias("Lease")]
    Task<ThrottleGrant> Lease(ThrottleLeaseRequest request);
}
