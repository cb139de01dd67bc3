using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Limits;

namespace OrleansGateway.Grains.Limits;

/// <summary>
/// The per-client token buckets of one shard, in memory (as <see cref="ThrottleGrain"/>'s: a bucket
/// lost with a silo comes back full, at most one extra burst). A bucket that is full is no different
/// from a new one, so full buckets are dropped now and then: memory follows the keys in use, not the
/// keys that exist.
/// </summary>
public sealed class ThrottleShardGrain(TimeProvider clock) : Grain, IThrottleShardGrain
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    private long _lastSweep = clock.GetTimestamp();

    /// <summary>Buckets held (for tests and diagnostics).</summary>
    internal int Count => _buckets.Count;

    /// <inheritdoc />
    public Task<ThrottleShardLeaseReply> Lease(Immutable<ThrottleShardLeaseRequest> request)
    {
        var batch = request.Value?.Buckets ?? throw new ArgumentException("A throttle shard batch needs its buckets.", nameof(request));
        if (batch.Count > ThrottleShards.MaxBatch)
        {
            throw new ArgumentException($"A throttle shard batch carries at most {ThrottleShards.MaxBatch} buckets.", nameof(request));
        }
        var grants = new ThrottleGrant[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var entry = batch[i];
            _buckets.TryGetValue(entry.BucketKey, out var bucket);
            bucket = ThrottleGrants.Configure(bucket, entry.Settings, clock);
            _buckets[entry.BucketKey] = bucket;
            grants[i] = ThrottleGrants.Lease(bucket, entry.Want, entry.Returned, entry.Borrowed);
        }
        SweepFullBuckets();
        return Task.FromResult(new ThrottleShardLeaseReply(grants));
    }

    private void SweepFullBuckets()
    {
        if (clock.GetElapsedTime(_lastSweep) < SweepInterval)
        {
            return;
        }
        _lastSweep = clock.GetTimestamp();
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsFull)
            {
                _buckets.Remove(key);
            }
        }
    }
}
