using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>The throttle grains as the leases call them: counted, logged, and a failure turned into null.</summary>
internal sealed partial class ThrottleLeaseClient(
    IGrainFactory grains, EdgeIdentity edge, IOptions<UsageLeaseOptions> options, ILogger<ThrottleLeaseClient> logger)
{
    /// <summary>The spend a lease is sized for (the grain's grant lifetime).</summary>
    public static readonly TimeSpan LeaseWindow = TimeSpan.FromSeconds(1);

    /// <summary>How long a bucket runs on its local fallback after a failed call.</summary>
    public TimeSpan FallbackDuration => options.Value.ThrottleFallbackDuration;

    /// <summary>The grant, or null when the grain could not be reached.</summary>
    public async Task<ThrottleGrant?> TryLeaseAsync(string bucketKey, ThrottleSettings settings, int want, int returned)
    {
        LeaseCallCounter.CountThrottleCall();
        try
        {
            return await grains.GetGrain<IThrottleGrain>(bucketKey).Lease(new ThrottleLeaseRequest(edge.Id, settings, want, returned))
                .WaitAsync(options.Value.LeaseCallTimeout);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.LeaseFailed(logger, bucketKey, exception);
            return null;
        }
    }

    /// <summary>Gives tokens back (eviction); a failure only loses the return, never admits anything.</summary>
    public Task TryReturnAsync(string bucketKey, ThrottleSettings settings, int returned) => TryLeaseAsync(bucketKey, settings, 0, returned);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Throttle lease for bucket {BucketKey} failed; this edge admits up to the bucket's configured rate on its own until the grain answers again.")]
        public static partial void LeaseFailed(ILogger logger, string bucketKey, Exception exception);
    }
}
