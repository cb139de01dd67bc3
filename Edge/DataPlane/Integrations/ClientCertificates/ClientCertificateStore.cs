using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using OrleansGateway.Edge.Configuration;
using OrleansGateway.Grains.Interfaces.ClientCertificates;

namespace OrleansGateway.Edge.DataPlane.Integrations.ClientCertificates;

/// <summary>
/// The edge's client certificates, with their private keys decrypted, in memory only. A certificate
/// is loaded from <see cref="IClientCertificateDirectoryGrain"/> the first time an integration needs
/// it (concurrent first uses share one load); after that the lookup completes synchronously and
/// allocates nothing. A push for a generated or deleted certificate, or a reconnect, empties the
/// entry, so a deleted certificate is never presented again once the push arrives. Pushes are
/// fire-and-forget, so every <see cref="ReconcileInterval"/> the cached ids are also compared with
/// the cluster's, off the request path.
/// </summary>
internal sealed partial class ClientCertificateStore : IDisposable
{
    /// <summary>How stale the cache may be if a push is lost.</summary>
    public static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Task<X509Certificate2?>> _certificates = new(StringComparer.Ordinal);
    private readonly IServiceProvider _services;
    private readonly ILogger<ClientCertificateStore> _logger;
    private readonly Func<string, Task<X509Certificate2?>> _load;
    private readonly ITimer? _reconcile;

    /// <remarks>
    /// The cluster client and the cipher are resolved on the first load, not here: the data plane
    /// also runs without a cluster (its tests, the benchmark), where no stage names a certificate.
    /// </remarks>
    public ClientCertificateStore(IServiceProvider services, TimeProvider clock, ILogger<ClientCertificateStore> logger)
    {
        _services = services;
        _logger = logger;
        _load = LoadAsync;
        if (services.GetService<ConfigChangeSignal>() is { } signal)
        {
            signal.ClientCertificateChanged += Forget;
            // After a reconnect, a deletion may have been missed.
            signal.FullSyncRequested += () => _certificates.Clear();
            _reconcile = clock.CreateTimer(_ => _ = ReconcileAsync(), null, ReconcileInterval, ReconcileInterval);
        }
    }

    /// <summary>The certificate with its key, or null when it does not exist or cannot be opened (the caller fails closed).</summary>
    public ValueTask<X509Certificate2?> GetAsync(string certificateId)
    {
        var load = _certificates.GetOrAdd(certificateId, _load);
        return load.IsCompletedSuccessfully ? new ValueTask<X509Certificate2?>(load.Result) : AwaitAsync(certificateId, load);
    }

    /// <summary>
    /// The TLS callback of connection pools for <paramref name="certificateId"/>: presents the
    /// certificate as loaded at handshake time, whatever CAs the server lists (a self-signed
    /// certificate is in nobody's list, and .NET's default choice would send none).
    /// </summary>
    public LocalCertificateSelectionCallback SelectionCallbackFor(string certificateId) =>
        (_, _, _, _, _) => _certificates.TryGetValue(certificateId, out var load) && load.IsCompletedSuccessfully ? load.Result : null;

    /// <summary>Drops the cached certificate (pushed by the cluster).</summary>
    public void Forget(string certificateId)
    {
        if (_certificates.TryRemove(certificateId, out _))
        {
            Log.Forgotten(_logger, certificateId);
        }
    }

    public void Dispose() => _reconcile?.Dispose();

    private async ValueTask<X509Certificate2?> AwaitAsync(string certificateId, Task<X509Certificate2?> load)
    {
        try
        {
            return await load;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Not cached: the next request tries again rather than failing until a push.
            _certificates.TryRemove(KeyValuePair.Create(certificateId, load));
            Log.LoadFailed(_logger, certificateId, exception);
            return null;
        }
    }

    private async Task<X509Certificate2?> LoadAsync(string certificateId)
    {
        var record = await Directory().TryGet(certificateId);
        if (record is null)
        {
            Log.Unknown(_logger, certificateId);
            return null;
        }
        var certificate = SelfSignedClientCertificate.Open(record, _services.GetRequiredService<ClientCertificateKeyCipher>());
        if (certificate is null)
        {
            Log.KeyDoesNotDecrypt(_logger, certificateId);
        }
        return certificate;
    }

    /// <summary>Drops cached certificates that were deleted, and cached absences of ones that now exist.</summary>
    private async Task ReconcileAsync()
    {
        if (_certificates.IsEmpty)
        {
            return;
        }
        try
        {
            var existing = new HashSet<string>(await Directory().ListIds(), StringComparer.Ordinal);
            foreach (var (id, load) in _certificates)
            {
                if (load.IsCompletedSuccessfully && (load.Result is not null) != existing.Contains(id))
                {
                    Forget(id);
                }
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.ReconcileFailed(_logger, exception);
        }
    }

    private IClientCertificateDirectoryGrain Directory() =>
        (_services.GetService<IGrainFactory>() ?? throw new InvalidOperationException("This host has no cluster client to load client certificates from."))
            .GetGrain<IClientCertificateDirectoryGrain>(IClientCertificateDirectoryGrain.Key);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1251, Level = LogLevel.Error,
            Message = "Client certificate {CertificateId} does not exist; integrations of stages that name it answer 500 until they name another")]
        public static partial void Unknown(ILogger logger, string certificateId);

        [LoggerMessage(EventId = 1252, Level = LogLevel.Error,
            Message = "The private key of client certificate {CertificateId} does not decrypt: Gateway:ApiKeys:Secret differs from the one it was generated under; its integrations answer 500")]
        public static partial void KeyDoesNotDecrypt(ILogger logger, string certificateId);

        [LoggerMessage(EventId = 1253, Level = LogLevel.Warning,
            Message = "Client certificate {CertificateId} could not be loaded from the cluster; the request answers 500 and the next one retries")]
        public static partial void LoadFailed(ILogger logger, string certificateId, Exception exception);

        [LoggerMessage(EventId = 1254, Level = LogLevel.Debug,
            Message = "Client certificate {CertificateId} changed in the cluster; the cached copy is dropped")]
        public static partial void Forgotten(ILogger logger, string certificateId);

        [LoggerMessage(EventId = 1255, Level = LogLevel.Warning,
            Message = "Could not compare the cached client certificates with the cluster's; trying again later")]
        public static partial void ReconcileFailed(ILogger logger, Exception exception);
    }
}
