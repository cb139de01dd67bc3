using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>
/// The authority for one key's quota in one plan (key <see cref="KeyOf"/>). Never over-admits: a
/// grant is persisted before it is returned, and a grant an edge does not renew in time is counted
/// as used in full.
/// </summary>
[Alias("og.IQuotaGrain")]
public interface IQuotaGrain : IGrainWithStringKey
{
    /// <summary>The grain key for a key in a plan.</summary>
    static string KeyOf(string planId, string keyId) => $"{planId}|{keyId}";

    /// <summary>Commits what the edge spent and grants it more.</summary>
    [Alias("Lease")]
    Task<QuotaGrant> Lease(QuotaLeaseRequest request);

    /// <summary>Used and remaining units in the current period (management: GetUsage).</summary>
    [Alias("GetStatus")]
    Task<QuotaStatus> GetStatus(QuotaSettings quota);

    /// <summary>
    /// Sets what is left of the current period to <paramref name="remaining"/> (management:
    /// UpdateUsage <c>/remaining</c>). Units edges hold stay theirs; the change applies to the rest.
    /// </summary>
    [Alias("SetRemaining")]
    Task<QuotaStatus> SetRemaining(long remaining, QuotaSettings quota);
}
