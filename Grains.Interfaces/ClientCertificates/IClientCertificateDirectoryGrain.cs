using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Interfaces.ClientCertificates;

/// <summary>
/// Every client certificate of the gateway (key <see cref="Key"/>). API Gateway allows 60 per
/// account and region, so one grain holds them all. Creations and deletions are pushed to the edges
/// (<c>IApiCatalogGrain.PublishClientCertificateChange</c>) so they drop what they cached.
/// Failures the caller must see are thrown as <see cref="ManagementException"/>.
/// </summary>
[Alias("og.IClientCertificateDirectoryGrain")]
public interface IClientCertificateDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    const string Key = "clientcertificates";

    /// <summary>The most certificates held (API Gateway's quota per account and region).</summary>
    const int MaxCertificates = 60;

    /// <summary>GenerateClientCertificate's storing step; 429 LimitExceeded at <see cref="MaxCertificates"/>, 409 if the id is taken.</summary>
    [Alias("Create")]
    Task<ClientCertificateRecord> Create(ClientCertificateRecord record);

    /// <summary>GetClientCertificate; 404 if unknown.</summary>
    [Alias("Get"), ReadOnly]
    Task<ClientCertificateRecord> Get(string certificateId);

    /// <summary>The certificate, or null if unknown (edges loading it, stages checking it).</summary>
    [Alias("TryGet"), ReadOnly]
    Task<ClientCertificateRecord?> TryGet(string certificateId);

    /// <summary>Every certificate, by id (ordinal).</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<ClientCertificateRecord>> List();

    /// <summary>The ids of every certificate, sorted (edges reconciling their caches in case a push was lost).</summary>
    [Alias("ListIds"), ReadOnly]
    Task<IReadOnlyList<string>> ListIds();

    /// <summary>UpdateClientCertificate: v1 patch operations (<c>/description</c>), all-or-nothing; 404 if unknown.</summary>
    [Alias("Update")]
    Task<ClientCertificateRecord> Update(string certificateId, IReadOnlyList<PatchOperation> operations);

    /// <summary>DeleteClientCertificate; 404 if unknown. Stages that still name it fail closed.</summary>
    [Alias("Delete")]
    Task Delete(string certificateId);
}
