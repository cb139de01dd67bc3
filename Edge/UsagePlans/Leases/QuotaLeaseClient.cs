using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>The quota grains as the leases call them: counted, logged, and a failure turned into null.</summary>
internal sealed partial class QuotaLeaseClient(
    IGrainFactory grains, EdgeIdentity edge, IOptions<UsageLeaseOptions> options, ILogger<QuotaLeaseClient> logger)
{
    /// <summary>The spend a lease is sized for: a few seconds of demand, well inside the grant lifetime.</summary>
    public static readonly TimeSpan LeaseWindow = TimeSpan.FromSeconds(5);

    /// <summary>How long a key refuses after a failed call before trying the grain again.</summary>
    public TimeSpan FailureRetry => options.Value.QuotaFailureRetry;

    /// <summary>The grant, or null when the grain could not be reached (the outcome is then unknown).</summary>
    public async Task<QuotaGrant?> TryLeaseAsync(string planId, string keyId, QuotaSettings quota, long epoch, long used, bool releaseRest, long want)
    {
        LeaseCallCounter.CountQuotaCall();
        try
        {
            return await grains.GetGrain<IQuotaGrain>(IQuotaGrain.KeyOf(planId, keyId))
                .Lease(new QuotaLeaseRequest(edge.Id, epoch, used, releaseRest, want, quota))
                .WaitAsync(options.Value.LeaseCallTimeout);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.LeaseFailed(logger, planId, keyId, exception);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Quota lease for key {KeyId} in plan {PlanId} failed; requests of that key are refused until the grain answers again.")]
        public static partial void LeaseFailed(ILogger logger, string planId, string keyId, Exception exception);
    }
}
