using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.ApiKeys;

/// <summary>
/// The data plane's view of one API key value, keyed by <see cref="ApiKeyValueHash"/> of the value
/// (never by the value). Also the uniqueness guard: one value maps to at most one key id.
/// Changes are pushed to the edges (<c>IApiCatalogGrain.PublishApiKeyChange</c>) so their caches
/// drop the entry at once.
/// </summary>
[Alias("og.IApiKeyValueGrain")]
public interface IApiKeyValueGrain : IGrainWithStringKey
{
    /// <summary>The key this value belongs to, or null if no key has this value.</summary>
    [Alias("Resolve"), ReadOnly]
    Task<ApiKeyIdentity?> Resolve();
}
