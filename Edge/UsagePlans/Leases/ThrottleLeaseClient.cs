using Microsoft.Extensions.Options;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Grains.Interfaces.Limits;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// The throttle grains as the leases call them: counted, logged, and a failure turned into null.
/// With <see cref="UsageLeaseOptions.BatchClientThrottles"/>, per-client buckets go through
/// <see cref="ThrottleShardBatches"/> (one call per shard per interval); otherwise, and for account
/// and stage buckets, each bucket calls its own grain.
/// </summary>
internal sealed partial class ThrottleLeaseClient
{
    /// <summary>The spend a lease is sized for (the grain's grant lifetime).</summary>
    public static readonly TimeSpan LeaseWindow = TimeSpan.FromSeconds(1);

    private readonly IGrainFactory _grains;
    private readonly EdgeIdentity _edge;
    private readonly IOptions<UsageLeaseOptions> _options;
    private readonly ILogger<ThrottleLeaseClient> _logger;
    private readonly ThrottleShardBatches _batches;

    public ThrottleLeaseClient(IGrainFactory grains, EdgeIdentity edge, IOptions<UsageLeaseOptions> options, ILogger<ThrottleLeaseClient> logger)
    {
        _grains = grains;
        _edge = edge;
        _options = options;
        _logger = logger;
        _batches = new ThrottleShardBatches(grains, edge.Id, options.Value.ThrottleBatchInterval, options.Value.LeaseCallTimeout, TimeProvider.System, logger);
    }

    /// <summary>How long a bucket runs on its local fallback after a failed call.</summary>
    public TimeSpan FallbackDuration => _options.Value.ThrottleFallbackDuration;

    /// <summary>
    /// Whether a cold bucket may admit one request before its first grant lands (its standing
    /// allowance, charged to the bucket with the next batch): only batched per-client buckets, whose
    /// number grows with keys and which are therefore often cold.
    /// </summary>
    public bool HasStandingAllowance(string bucketKey) => IsBatched(bucketKey);

    private bool IsBatched(string bucketKey) => _options.Value.BatchClientThrottles && ThrottleShards.Holds(bucketKey);

    /// <summary>The grant, or null when the grain could not be reached.</summary>
    /// <param name="bucketKey">The bucket.</param>
    /// <param name="settings">Its rate and burst.</param>
    /// <param name="want">Tokens asked for.</param>
    /// <param name="returned">Unspent tokens given back.</param>
    /// <param name="borrowed">Tokens spent on the standing allowance, to be charged.</param>
    /// <param name="urgent">A request waits for this answer: do not hold it for the batch interval.</param>
    /// <remarks>
    /// A batched lease's task completes on the batch sender's thread with synchronous continuations
    /// (no thread-pool hop per bucket); callers that resume a request must yield first.
    /// </remarks>
    public Task<ThrottleGrant?> TryLeaseAsync(string bucketKey, ThrottleSettings settings, int want, int returned, int borrowed = 0, bool urgent = true) =>
        IsBatched(bucketKey)
            ? _batches.LeaseAsync(new ThrottleBucketLease(bucketKey, settings, want, returned, borrowed), urgent)
            : LeaseFromBucketGrainAsync(bucketKey, settings, want, returned);

    /// <summary>
    /// Whether a renewal of <paramref name="bucketKey"/> that no request waits for may be queued from
    /// the request's own stack: a batched bucket's queueing is a list append, the call goes later.
    /// </summary>
    public bool QueuesWithoutCalling(string bucketKey, bool urgent) => !urgent && IsBatched(bucketKey);

    private async Task<ThrottleGrant?> LeaseFromBucketGrainAsync(string bucketKey, ThrottleSettings settings, int want, int returned)
    {
        LeaseCallCounter.CountThrottleCall();
        try
        {
            return await _grains.GetGrain<IThrottleGrain>(bucketKey).Lease(new ThrottleLeaseRequest(_edge.Id, settings, want, returned))
                .WaitAsync(_options.Value.LeaseCallTimeout);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.LeaseFailed(_logger, bucketKey, exception);
            return null;
        }
    }

    /// <summary>A request waits for <paramref name="bucketKey"/>'s renewal: send it now rather than with the next batch.</summary>
    public void Expedite(string bucketKey)
    {
        if (IsBatched(bucketKey))
        {
            _batches.Expedite(bucketKey);
        }
    }

    /// <summary>Gives tokens back and settles debts (eviction); a failure only loses the return, never admits anything.</summary>
    public Task TryReturnAsync(string bucketKey, ThrottleSettings settings, int returned, int borrowed) =>
        TryLeaseAsync(bucketKey, settings, 0, returned, borrowed, urgent: false);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Throttle lease for bucket {BucketKey} failed; this edge admits up to the bucket's configured rate on its own until the grain answers again.")]
        public static partial void LeaseFailed(ILogger logger, string bucketKey, Exception exception);
    }
}
