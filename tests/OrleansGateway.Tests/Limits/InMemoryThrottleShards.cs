using System.Collections.Concurrent;
using System.Reflection;
using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Limits;

namespace OrleansGateway.Tests.Limits;

/// <summary>
/// A fake grain factory whose throttle shard grains answer from in-memory token buckets and record
/// every batch they receive, for unit tests of the edge's batching without a cluster.
/// </summary>
public class InMemoryThrottleShards : DispatchProxy
{
    private readonly ConcurrentQueue<ThrottleShardLeaseRequest> _batches = new();
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Every batch received, in order.</summary>
    public IReadOnlyCollection<ThrottleShardLeaseRequest> Batches => _batches;

    /// <summary>A new fake factory (<see cref="DispatchProxy"/> needs the two views of one object).</summary>
    public static (IGrainFactory Grains, InMemoryThrottleShards Shards) Create()
    {
        var grains = Create<IGrainFactory, InMemoryThrottleShards>();
        return (grains, (InMemoryThrottleShards)(object)grains);
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod!.Name == nameof(IGrainFactory.GetGrain) && targetMethod.ReturnType == typeof(IThrottleShardGrain)
            ? ShardProxy.For(this)
            : throw new NotSupportedException(targetMethod.Name);

    private ThrottleShardLeaseReply Lease(ThrottleShardLeaseRequest request)
    {
        _batches.Enqueue(request);
        lock (_buckets)
        {
            return new ThrottleShardLeaseReply(request.Buckets.Select(entry =>
            {
                if (!_buckets.TryGetValue(entry.BucketKey, out var bucket))
                {
                    _buckets[entry.BucketKey] = bucket = new TokenBucket(entry.Settings.RateLimit, entry.Settings.BurstLimit, TimeProvider.System);
                }
                bucket.GiveBack(entry.Returned);
                bucket.Charge(entry.Borrowed);
                var tokens = bucket.Take(entry.Want);
                return new ThrottleGrant(tokens, TimeSpan.FromSeconds(1), tokens > 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(100));
            }).ToArray());
        }
    }

    /// <summary>One shard grain: every shard of the fake shares its buckets (the key decides).</summary>
    public class ShardProxy : DispatchProxy
    {
        private InMemoryThrottleShards? _owner;

        internal static IThrottleShardGrain For(InMemoryThrottleShards owner)
        {
            var grain = Create<IThrottleShardGrain, ShardProxy>();
            ((ShardProxy)(object)grain)._owner = owner;
            return grain;
        }

        /// <inheritdoc />
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(IThrottleShardGrain.Lease)
                ? Task.FromResult(_owner!.Lease(((Immutable<ThrottleShardLeaseRequest>)args![0]!).Value))
                : throw new NotSupportedException(targetMethod.Name);
    }
}
