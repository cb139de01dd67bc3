namespace OrleansGateway.Grains.Interfaces.Limits;

/// <summary>
/// How per-client throttle buckets are spread over <see cref="IThrottleShardGrain"/>s. Their number
/// grows with API keys (a bucket per key × plan, and per key × method override), so they are held in
/// a fixed number of grains and each edge leases all its buckets of one shard in one batched call:
/// grain calls then scale with edges × shards, not with keys. Account and stage buckets are few and
/// busy, and keep a grain each (<see cref="IThrottleGrain"/>).
/// </summary>
public static class ThrottleShards
{
    /// <summary>Shards: fixed, because every edge must send a bucket to the same grain.</summary>
    public const int Count = 64;

    /// <summary>Most buckets one batch carries (a bound on the grain's input); an edge sends more as further batches.</summary>
    public const int MaxBatch = 4096;

    /// <summary>Whether <paramref name="bucketKey"/> (a <see cref="ThrottleKeys"/> value) is held by a shard grain.</summary>
    public static bool Holds(string bucketKey)
    {
        ArgumentNullException.ThrowIfNull(bucketKey);
        return bucketKey.StartsWith("client|", StringComparison.Ordinal) || bucketKey.StartsWith("clientmethod|", StringComparison.Ordinal);
    }

    /// <summary>The grain key of shard <paramref name="shard"/>.</summary>
    public static string KeyOf(int shard) => $"throttle-shard|{shard}";

    /// <summary>The shard of <paramref name="bucketKey"/>: FNV-1a, because <c>string.GetHashCode</c> differs per process.</summary>
    public static int ShardOf(string bucketKey)
    {
        ArgumentNullException.ThrowIfNull(bucketKey);
        var hash = 2166136261u;
        foreach (var c in bucketKey)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        return (int)(hash % Count);
    }
}
