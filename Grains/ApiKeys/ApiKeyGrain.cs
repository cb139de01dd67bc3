using Microsoft.Extensions.Logging;
using OrleansGateway.Grains.Interfaces.ApiKeys;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.UsagePlans;

namespace OrleansGateway.Grains.ApiKeys;

/// <summary>
/// The authority for one API key. Order of writes: claim the value first (the uniqueness check),
/// then the record, then the listing — so a crash in between leaves at worst a claimed value the
/// next create of the same id re-uses, never two keys with one value.
/// </summary>
/// <remarks>
/// Collected after 2 idle minutes, not Orleans' default 15: an import of 1,000,000 keys activates a
/// key grain and a value grain per key, and kept for 15 minutes those 2,000,000 activations held the
/// silo at 6 GB, where one blocking GC stalled it 5.8 s in the middle of a benchmark round. With
/// only the shorter age, the collector's sweeps then deactivated 400,000 a minute and stalled it
/// 1.5 s; so a key deactivates as soon as the plan directory has read it to associate it (the last
/// step of an import with usage plans). A key is rarely called after its creation (edges cache what
/// it resolves to).
/// </remarks>
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class ApiKeyGrain(
    [PersistentState("apikey", GrainStorage.Name)] IPersistentState<ApiKeyState> state,
    TimeProvider clock,
    ILogger<ApiKeyGrain> logger) : Grain, IApiKeyGrain
{
    // Set for the whole of Delete so the directory, which may call in while Delete waits on it,
    // sees the key as gone and cannot add it to a plan after it left every plan.
    private bool _deleting;

    private string KeyId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<ApiKeyRecord> Create(ApiKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (state.State.Record is not null)
        {
            throw ManagementException.Conflict($"API Key {KeyId} already exists");
        }
        record = record with { Id = KeyId };
        var holder = await ValueClaim(record.ValueHash).Claim(KeyId, record.Enabled);
        if (holder != KeyId)
        {
            throw ManagementException.Conflict("API Key already exists");
        }
        await StoreAsync(record);
        await GrainFactory.GetGrain<IApiKeyListingShardGrain>(ApiKeyListingShards.For(KeyId)).Put([record]);
        Log.Created(logger, KeyId);
        return record;
    }

    /// <inheritdoc />
    public async Task<ApiKeyRecord> Import(ApiKeyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var holder = await ValueClaim(record.ValueHash).Claim(KeyId, record.Enabled);
        if (holder != KeyId)
        {
            // Re-importing a value overwrites the key that has it, as API Gateway does.
            return await GrainFactory.GetGrain<IApiKeyGrain>(holder).Import(record with { Id = holder });
        }
        var stored = state.State.Record is { } existing
            ? existing with { Name = record.Name, Description = record.Description, Enabled = record.Enabled, LastUpdatedDate = clock.GetUtcNow() }
            : record with { Id = KeyId };
        await StoreAsync(stored);
        return stored;
    }

    /// <inheritdoc />
    public Task<ApiKeyRecord> Get() => Task.FromResult(Require());

    /// <inheritdoc />
    public Task<ApiKeyRecord?> TryGet()
    {
        // Only one-off readers call this (the plan directory checking a key it associates, a plan's key
        // listing), and for an imported key it is the last call of its import: deactivate now, spread
        // over the import, not in the collector's sweeps (see the class remarks).
        DeactivateOnIdle();
        return Task.FromResult(_deleting ? null : state.State.Record);
    }

    /// <inheritdoc />
    public async Task<ApiKeyRecord> Update(IReadOnlyList<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var updated = ApiKeyPatcher.Apply(Require(), operations) with { LastUpdatedDate = clock.GetUtcNow() };
        await StoreAsync(updated);
        await GrainFactory.GetGrain<IApiKeyListingShardGrain>(ApiKeyListingShards.For(KeyId)).Put([updated]);
        return updated;
    }

    /// <inheritdoc />
    public async Task Delete()
    {
        var record = Require();
        _deleting = true;
        try
        {
            await GrainFactory.GetGrain<IUsagePlanDirectoryGrain>(IUsagePlanDirectoryGrain.Key).RemoveKeyEverywhere(KeyId);
            state.State.Record = null;
            await state.WriteStateAsync();
            await ValueClaim(record.ValueHash).Release(KeyId);
            await GrainFactory.GetGrain<IApiKeyListingShardGrain>(ApiKeyListingShards.For(KeyId)).Remove(KeyId);
        }
        finally
        {
            _deleting = false;
        }
        Log.Deleted(logger, KeyId);
    }

    private async Task StoreAsync(ApiKeyRecord record)
    {
        state.State.Record = record;
        await state.WriteStateAsync();
        await ValueClaim(record.ValueHash).SetEnabled(KeyId, record.Enabled);
    }

    private ApiKeyRecord Require() =>
        state.State.Record ?? throw ManagementException.NotFound("Invalid API Key identifier specified");

    private IApiKeyValueClaimGrain ValueClaim(string valueHash) => GrainFactory.GetGrain<IApiKeyValueClaimGrain>(valueHash);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "API key {KeyId} created")]
        public static partial void Created(ILogger logger, string keyId);

        [LoggerMessage(2, LogLevel.Information, "API key {KeyId} deleted")]
        public static partial void Deleted(ILogger logger, string keyId);
    }
}
