using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Interfaces.ApiKeys;

/// <summary>
/// The authority for one API key (keyed by its id): the stored record, the claim on its value
/// and its entry in the listing shard. Plan membership is owned by the usage plan directory,
/// which tells the value grain directly.
/// Failures the caller must see are thrown as <see cref="ManagementException"/>.
/// </summary>
[Alias("og.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Creates the key; 409 if the value belongs to another key or the id is taken.</summary>
    [Alias("Create")]
    Task<ApiKeyRecord> Create(ApiKeyRecord record);

    /// <summary>
    /// ImportApiKeys: creates the key, or — when another key already has this value — updates that
    /// key's name, description and enabled flag as API Gateway's "re-import overwrites" does.
    /// Returns the id of the key that now holds the value. Does not touch the listing shard
    /// (the importer batches those writes per shard).
    /// </summary>
    [Alias("Import")]
    Task<ApiKeyRecord> Import(ApiKeyRecord record);

    /// <summary>The key; 404 if it does not exist.</summary>
    [Alias("Get"), ReadOnly]
    Task<ApiKeyRecord> Get();

    /// <summary>
    /// The key, or null while it does not exist or is being deleted. Interleaves (it only reads),
    /// because the usage plan directory calls it while DeleteApiKey here waits on the directory.
    /// </summary>
    [Alias("TryGet"), AlwaysInterleave]
    Task<ApiKeyRecord?> TryGet();

    /// <summary>UpdateApiKey: <c>/name</c>, <c>/description</c>, <c>/enabled</c>, <c>/customerId</c>.</summary>
    [Alias("Update")]
    Task<ApiKeyRecord> Update(IReadOnlyList<PatchOperation> operations);

    /// <summary>DeleteApiKey: leaves every plan, releases the value, and drops the listing entry.</summary>
    [Alias("Delete")]
    Task Delete();
}
