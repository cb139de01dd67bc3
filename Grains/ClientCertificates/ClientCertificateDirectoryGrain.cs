using Microsoft.Extensions.Logging;
using OrleansGateway.Grains.Interfaces.ClientCertificates;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.ClientCertificates;

/// <summary>
/// Every client certificate. The key pair is made and its private key encrypted on the edge that
/// handles GenerateClientCertificate; this grain only stores and lists what it is given, and tells
/// the edges when a certificate appears or goes so their caches never serve a deleted one.
/// </summary>
public sealed partial class ClientCertificateDirectoryGrain(
    [PersistentState("clientcertificates", GrainStorage.Name)] IPersistentState<ClientCertificateDirectoryState> state,
    ILogger<ClientCertificateDirectoryGrain> logger) : Grain, IClientCertificateDirectoryGrain
{
    private Dictionary<string, ClientCertificateRecord> Certificates => state.State.Certificates;

    /// <inheritdoc />
    public async Task<ClientCertificateRecord> Create(ClientCertificateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Certificates.Count >= IClientCertificateDirectoryGrain.MaxCertificates)
        {
            throw new ManagementException(ManagementErrorType.LimitExceeded,
                $"Cannot exceed the limit of {IClientCertificateDirectoryGrain.MaxCertificates} client certificates");
        }
        if (Certificates.ContainsKey(record.Id))
        {
            throw ManagementException.Conflict("A client certificate with this identifier already exists");
        }
        Certificates[record.Id] = record;
        await CommitAsync(record.Id);
        Log.Created(logger, record.Id, record.ExpirationDate);
        return record;
    }

    /// <inheritdoc />
    public Task<ClientCertificateRecord> Get(string certificateId) => Task.FromResult(Require(certificateId));

    /// <inheritdoc />
    public Task<ClientCertificateRecord?> TryGet(string certificateId) =>
        Task.FromResult(Certificates.GetValueOrDefault(certificateId));

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientCertificateRecord>> List() =>
        Task.FromResult<IReadOnlyList<ClientCertificateRecord>>(Certificates.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList());

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListIds() =>
        Task.FromResult<IReadOnlyList<string>>(Certificates.Keys.Order(StringComparer.Ordinal).ToList());

    /// <inheritdoc />
    public async Task<ClientCertificateRecord> Update(string certificateId, IReadOnlyList<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var updated = ClientCertificatePatcher.Apply(Require(certificateId), operations);
        Certificates[certificateId] = updated;
        // The description is not part of what edges cache, so there is nothing to push.
        await state.WriteStateAsync();
        return updated;
    }

    /// <inheritdoc />
    public async Task Delete(string certificateId)
    {
        Require(certificateId);
        Certificates.Remove(certificateId);
        await CommitAsync(certificateId);
        Log.Deleted(logger, certificateId);
    }

    private ClientCertificateRecord Require(string certificateId) =>
        Certificates.TryGetValue(certificateId, out var record)
            ? record
            : throw ManagementException.NotFound("Invalid Client Certificate identifier specified");

    private async Task CommitAsync(string certificateId)
    {
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key).PublishClientCertificateChange(certificateId);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Client certificate {CertificateId} generated, valid until {ExpirationDate:u}")]
        public static partial void Created(ILogger logger, string certificateId, DateTimeOffset expirationDate);

        [LoggerMessage(2, LogLevel.Information, "Client certificate {CertificateId} deleted")]
        public static partial void Deleted(ILogger logger, string certificateId);
    }
}
