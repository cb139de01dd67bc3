using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>
/// The authority for every per-client throttle bucket of one shard (grain key
/// <see cref="ThrottleShards.KeyOf"/>). Each bucket behaves as an <see cref="IThrottleGrain"/> does;
/// an edge sends all its pending renewals, returns and debts of one shard in one batch.
/// </summary>
[Alias("og.IThrottleShardGrain")]
public interface IThrottleShardGrain : IGrainWithStringKey
{
    /// <summary>Settles and grants every bucket in the batch; the reply's grants are in the batch's order.</summary>
    [Alias("Lease")]
    Task<ThrottleShardLeaseReply> Lease(Immutable<ThrottleShardLeaseRequest> request);
}
