namespace OrleansGateway.Grains.Interfaces.Configuration;

/// <summary>
/// Implemented by each edge and registered with <see cref="IApiCatalogGrain"/>. Pushes carry only
/// what changed (a version, a key hash); the edge pulls the rest off the request path.
/// </summary>
[Alias("og.IConfigObserver")]
public interface IConfigObserver : IGrainObserver
{
    /// <summary>An API's serving config is now at <paramref name="version"/>.</summary>
    [Alias("OnApiChanged")]
    Task OnApiChanged(string apiId, long version);

    /// <summary>The usage plans are now at <paramref name="version"/>.</summary>
    [Alias("OnUsagePlansChanged")]
    Task OnUsagePlansChanged(long version);

    /// <summary>The API key whose value hashes to <paramref name="valueHash"/> changed (created, enabled, plans, deleted): change <paramref name="stamp"/> of the catalog's log.</summary>
    [Alias("OnApiKeyChanged")]
    Task OnApiKeyChanged(string valueHash, ApiKeyChangeStamp stamp);

    /// <summary>IAM access key <paramref name="accessKeyId"/> changed (status, deleted, its owner's policies).</summary>
    [Alias("OnIamChanged")]
    Task OnIamChanged(string accessKeyId);

    /// <summary>Client certificate <paramref name="certificateId"/> was generated or deleted.</summary>
    [Alias("OnClientCertificateChanged")]
    Task OnClientCertificateChanged(string certificateId);

    /// <summary>The WAF entities and associations are now at <paramref name="version"/>.</summary>
    [Alias("OnWafChanged")]
    Task OnWafChanged(long version);
}
