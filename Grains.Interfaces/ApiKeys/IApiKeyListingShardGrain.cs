using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.ApiKeys;

/// <summary>
/// One of <see cref="ApiKeyListingShards.Count"/> shards of the API key listing (keyed by shard
/// number, chosen by <see cref="ApiKeyListingShards.For"/>): GetApiKeys reads every shard instead
/// of one grain holding every key.
/// </summary>
[Alias("og.IApiKeyListingShardGrain")]
public interface IApiKeyListingShardGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces entries.</summary>
    [Alias("Put")]
    Task Put(IReadOnlyList<ApiKeyRecord> records);

    /// <summary>Removes an entry.</summary>
    [Alias("Remove")]
    Task Remove(string keyId);

    /// <summary>
    /// Up to <paramref name="limit"/> entries with ids ordinally after <paramref name="afterId"/>,
    /// in id order, whose name starts with <paramref name="namePrefix"/> and whose customer id is
    /// <paramref name="customerId"/> (each filter ignored when null).
    /// </summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<ApiKeyRecord>> List(string? afterId, int limit, string? namePrefix, string? customerId);
}
