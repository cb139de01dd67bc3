using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.Configuration;

/// <summary>
/// The one catalog of APIs (key <see cref="Key"/>): which APIs exist, each one's serving version,
/// and the edges to tell when a version changes.
/// </summary>
[Alias("og.IApiCatalogGrain")]
public interface IApiCatalogGrain : IGrainWithStringKey
{
    /// <summary>The catalog's only key.</summary>
    const string Key = "catalog";

    /// <summary>Records that an API exists or changed, and pushes the new version to every edge.</summary>
    [Alias("Publish")]
    Task Publish(string apiId, long version);

    /// <summary>Records that an API was deleted, and pushes its final version to every edge.</summary>
    [Alias("Remove")]
    Task Remove(string apiId, long version);

    /// <summary>Ids of every API, sorted.</summary>
    [Alias("ListApis"), ReadOnly]
    Task<IReadOnlyList<string>> ListApis();

    /// <summary>
    /// Registers (or refreshes) an edge's observer and returns every API's serving version, so the
    /// edge can catch up in the same round trip. Registrations expire unless refreshed.
    /// </summary>
    [Alias("Subscribe")]
    Task<IReadOnlyDictionary<string, long>> Subscribe(string edgeId, IConfigObserver observer);

    /// <summary>Removes an edge's observer at shutdown.</summary>
    [Alias("Unsubscribe")]
    Task Unsubscribe(string edgeId, IConfigObserver observer);

    /// <summary>Tells every edge that the usage plans are now at <paramref name="version"/>.</summary>
    [Alias("PublishUsagePlans")]
    Task PublishUsagePlans(long version);

    /// <summary>
    /// Tells every edge to drop its cached view of the key whose value hashes to <paramref name="valueHash"/>,
    /// numbering the change so an edge that misses the push notices (<see cref="GetApiKeyChangesSince"/>).
    /// </summary>
    [Alias("PublishApiKeyChange")]
    Task PublishApiKeyChange(string valueHash);

    /// <summary>The key changes after <paramref name="since"/> (every edge asks every few seconds, and at once when a push number is skipped).</summary>
    [Alias("GetApiKeyChangesSince"), ReadOnly]
    Task<ApiKeyChanges> GetApiKeyChangesSince(ApiKeyChangeStamp? since);

    /// <summary>Tells every edge to drop its cached credential for IAM access key <paramref name="accessKeyId"/>.</summary>
    [Alias("PublishIamChange")]
    Task PublishIamChange(string accessKeyId);

    /// <summary>Tells every edge to drop what it cached of client certificate <paramref name="certificateId"/> (generated or deleted).</summary>
    [Alias("PublishClientCertificateChange")]
    Task PublishClientCertificateChange(string certificateId);

    /// <summary>Tells every edge that the WAF entities and associations are now at <paramref name="version"/>.</summary>
    [Alias("PublishWafChanged")]
    Task PublishWafChanged(long version);
}
