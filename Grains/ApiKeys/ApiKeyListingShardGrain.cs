using Orleans.Serialization;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Storage;

namespace OrleansGateway.Grains.ApiKeys;

/// <summary>
/// One shard of the API key listing (about 1/64 of the keys), held in memory in id order while
/// active and persisted one record per key (<see cref="IGrainRecordStore"/>): importing 10,000 keys
/// writes 10,000 records, whatever the listing already holds.
/// </summary>
/// <remarks>
/// In memory each key is its stored bytes, deserialized only when a page is read: as records, a
/// million keys were some seven million small objects (names, hashes, encrypted values, lists)
/// that every full garbage collection of the silo had to trace (docs/limits-scale.md).
/// </remarks>
public sealed class ApiKeyListingShardGrain(
    [PersistentState("apikeyshard", GrainStorage.Name)] IPersistentState<ApiKeyListingShardState> legacy,
    IGrainRecordStore store,
    Serializer<ApiKeyRecord> serializer) : Grain, IApiKeyListingShardGrain
{
    private readonly SortedDictionary<string, byte[]> _keys = new(StringComparer.Ordinal);

    private string Collection => CollectionOf(this.GetPrimaryKeyLong());

    /// <summary>The record store collection of listing shard <paramref name="shard"/>.</summary>
    internal static string CollectionOf(long shard) => $"apikey-listing/{shard}";

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (keyId, bytes) in await store.ReadAllAsync(Collection))
        {
            _keys[keyId] = bytes;
        }
        // A listing written whole by an earlier version moves to the record store once.
        if (legacy.State.Keys.Count > 0)
        {
            await PersistAsync(legacy.State.Keys.Values.ToList());
            legacy.State.Keys.Clear();
            await legacy.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task Put(IReadOnlyList<ApiKeyRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return PersistAsync(records);
    }

    /// <inheritdoc />
    public async Task Remove(string keyId)
    {
        if (_keys.Remove(keyId))
        {
            await store.RemoveAsync(Collection, [keyId]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKeyRecord>> List(string? afterId, int limit, string? namePrefix, string? customerId)
    {
        var page = new List<ApiKeyRecord>(Math.Min(limit, _keys.Count));
        foreach (var (id, bytes) in _keys)
        {
            if (page.Count >= limit)
            {
                break;
            }
            if (afterId is not null && string.CompareOrdinal(id, afterId) <= 0)
            {
                continue;
            }
            if (serializer.Deserialize(bytes) is not { } record)
            {
                continue;
            }
            if (namePrefix is not null && !(record.Name ?? string.Empty).StartsWith(namePrefix, StringComparison.Ordinal))
            {
                continue;
            }
            if (customerId is not null && !string.Equals(record.CustomerId, customerId, StringComparison.Ordinal))
            {
                continue;
            }
            page.Add(record);
        }
        return Task.FromResult<IReadOnlyList<ApiKeyRecord>>(page);
    }

    private async Task PersistAsync(IReadOnlyCollection<ApiKeyRecord> records)
    {
        // Written before the listing shows them, so a failed write leaves nothing listed that is not stored.
        var entries = records.Select(r => KeyValuePair.Create(r.Id, serializer.SerializeToArray(r))).ToList();
        await store.PutAsync(Collection, entries);
        foreach (var (keyId, bytes) in entries)
        {
            _keys[keyId] = bytes;
        }
    }
}
