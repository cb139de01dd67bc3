using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using OrleansGateway.Edge.DataPlane.Integrations.ClientCertificates;
using OrleansGateway.Edge.DataPlane.Integrations.Resilience;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// The connection pools every HTTP integration uses, so connections to backends are pooled across
/// requests and APIs: one default pool, plus one per (named trust store, client certificate) in
/// use. Backend certificates are verified (<see cref="BackendTrustStore"/>). A pool that presents a
/// client certificate is never shared with integrations that present another or none, so a
/// connection authenticated as one identity is never reused as another.
/// </summary>
internal sealed class BackendHttpClient : IDisposable
{
    /// <summary>Bounds connection setup; the integration timeout bounds the whole wait for headers.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly BackendTrustStore _trustStore;
    private readonly ClientCertificateStore _clientCertificates;
    private readonly ConcurrentDictionary<(string? TrustStore, string? ClientCertificateId), Lazy<SocketsHttpHandler>> _pools = new();

    public BackendHttpClient(BackendTrustStore trustStore, ClientCertificateStore clientCertificates)
    {
        _trustStore = trustStore;
        _clientCertificates = clientCertificates;
        Handler = CreateHandler(trustStore.CallbackFor(null), null);
        Invoker = new HttpMessageInvoker(Handler, disposeHandler: false);
    }

    /// <summary>The default connection pool, shared by the invokers that add retries (<see cref="BackendInvokers"/>).</summary>
    public SocketsHttpHandler Handler { get; }

    /// <summary>The default pool without retries.</summary>
    public HttpMessageInvoker Invoker { get; }

    /// <summary>
    /// The pool for integrations that name <paramref name="trustStore"/> and present
    /// <paramref name="clientCertificateId"/> (looked up in <see cref="ClientCertificateStore"/> at
    /// each handshake). An unknown trust store name gets the default trust, which trusts less, so a
    /// typo fails closed (502) rather than trusting more. Pools of deleted certificates are not
    /// disposed: the forwarder stops using them at once, and their idle connections close by themselves.
    /// </summary>
    public SocketsHttpHandler HandlerFor(string? trustStore, string? clientCertificateId)
    {
        var store = trustStore is not null && _trustStore.Has(trustStore) ? trustStore : null;
        if (store is null && clientCertificateId is null)
        {
            return Handler;
        }
        return _pools.GetOrAdd((store, clientCertificateId), static (key, self) =>
            new Lazy<SocketsHttpHandler>(() => CreateHandler(
                self._trustStore.CallbackFor(key.TrustStore),
                key.ClientCertificateId is { } id ? self._clientCertificates.SelectionCallbackFor(id) : null)), this).Value;
    }

    public void Dispose()
    {
        Invoker.Dispose();
        Handler.Dispose();
        foreach (var handler in _pools.Values.Where(lazy => lazy.IsValueCreated))
        {
            handler.Value.Dispose();
        }
    }

    private static SocketsHttpHandler CreateHandler(RemoteCertificateValidationCallback validate, LocalCertificateSelectionCallback? clientCertificate) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = ConnectTimeout,
        EnableMultipleHttp2Connections = true,
        // Tracing headers are the business of the pipeline, not of the connection pool.
        ActivityHeadersPropagator = null,
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validate, LocalCertificateSelectionCallback = clientCertificate },
    };
}
