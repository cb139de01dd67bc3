using OrleansGateway.Grains.Interfaces.ApiKeys;

namespace OrleansGateway.Grains.ApiKeys;

/// <summary>One shard of the API key listing (about 1/64 of the keys).</summary>
public sealed class ApiKeyListingShardGrain(
    [PersistentState("apikeyshard", GrainStorage.Name)] IPersistentState<ApiKeyListingShardState> state) : Grain, IApiKeyListingShardGrain
{
    /// <inheritdoc />
    public async Task Put(IReadOnlyList<ApiKeyRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            state.State.Keys[record.Id] = record;
        }
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task Remove(string keyId)
    {
        if (state.State.Keys.Remove(keyId))
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKeyRecord>> List(string? afterId, int limit, string? namePrefix, string? customerId)
    {
        var page = new List<ApiKeyRecord>(Math.Min(limit, state.State.Keys.Count));
        foreach (var (id, record) in state.State.Keys)
        {
            if (page.Count >= limit)
            {
                break;
            }
            if (afterId is not null && string.CompareOrdinal(id, afterId) <= 0)
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
}
