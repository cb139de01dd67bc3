using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.Metering;

/// <summary>
/// Counts admitted requests of one UTC day for the keys of one shard (key <see cref="KeyOf"/>).
/// Edges send one batch per second; the grain keeps each edge's last applied sequence number in the
/// same persisted state as the counts, so a retried batch is applied once.
/// </summary>
[Alias("og.IUsageMeterGrain")]
public interface IUsageMeterGrain : IGrainWithStringKey
{
    /// <summary>How many meter grains share one day's keys.</summary>
    const int Shards = 16;

    /// <summary>The grain holding <paramref name="keyId"/>'s counts for <paramref name="day"/>.</summary>
    static string KeyOf(DateOnly day, string keyId) => $"{day:yyyy-MM-dd}|{ShardOf(keyId)}";

    /// <summary>The grain key of shard <paramref name="shard"/> on <paramref name="day"/>.</summary>
    static string KeyOf(DateOnly day, int shard) => $"{day:yyyy-MM-dd}|{shard}";

    /// <summary>
    /// A stable shard for a key id (FNV-1a; <c>string.GetHashCode</c> differs between processes, and
    /// every edge must pick the same shard).
    /// </summary>
    static int ShardOf(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var hash = 2166136261u;
        foreach (var c in keyId)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % Shards);
    }

    /// <summary>Adds a batch unless this edge's batch with that sequence number (or a later one) was already applied.</summary>
    [Alias("Apply")]
    Task Apply(Immutable<UsageBatch> batch);

    /// <summary>Every count of plan <paramref name="planId"/> in this shard and day.</summary>
    [Alias("GetCounts"), ReadOnly]
    Task<IReadOnlyList<UsageCount>> GetCounts(string planId);
}
