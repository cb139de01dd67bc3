using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// The edge's side of the quotas: spends units leased from <c>IQuotaGrain</c>s with an atomic
/// decrement, renewing at a low-water mark off the request path. A request waits for a grain call
/// only for a cold key's first lease, or when its grant ran out before the renewal returned.
/// </summary>
public interface IQuotaLeases
{
    /// <summary>Takes one unit of <paramref name="keyId"/>'s quota in <paramref name="planId"/>.</summary>
    ValueTask<LimitDecision> TryTakeAsync(string planId, string keyId, QuotaSettings quota, CancellationToken cancellationToken);
}
