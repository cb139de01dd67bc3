using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Grains.ApiKeys;

/// <summary>The persisted state of one listing shard.</summary>
[GenerateSerializer, Alias("og.ApiKeyListingShardState")]
public sealed class ApiKeyListingShardState
{
    /// <summary>Keys by id, kept in ordinal id order so pages come out sorted.</summary>
    [Id(0)] public SortedDictionary<string, ApiKeyRecord> Keys { get; set; } = new(StringComparer.Ordinal);
}
