namespace OrleansGateway.Grains.Interfaces.ApiKeys;

/// <summary>Which listing shard holds a key id.</summary>
public static class ApiKeyListingShards
{
    /// <summary>Number of shards; fixed, since a key's shard is derived from its id.</summary>
    public const int Count = 64;

    /// <summary>The shard of <paramref name="keyId"/>: FNV-1a, because <c>string.GetHashCode</c> differs per process.</summary>
    public static int For(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var hash = 2166136261u;
        foreach (var c in keyId)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }
        return (int)(hash % Count);
    }
}
