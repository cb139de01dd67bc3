using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using OrleansGateway.Edge.DataPlane.Integrations.Resilience;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// The connection pools every HTTP integration uses, so connections to backends are pooled across
/// requests and APIs: one default pool, plus one per named trust store in use. Backend
/// certificates are verified (<see cref="BackendTrustStore"/>).
/// </summary>
internal sealed class BackendHttpClient : IDisposable
{
    /// <summary>Bounds connection setup; the integration timeout bounds the whole wait for headers.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly BackendTrustStore _trustStore;
    private readonly ConcurrentDictionary<string, Lazy<SocketsHttpHandler>> _byTrustStore = new(StringComparer.Ordinal);

    public BackendHttpClient(BackendTrustStore trustStore)
    {
        _trustStore = trustStore;
        Handler = CreateHandler(trustStore.CallbackFor(null));
        Invoker = new HttpMessageInvoker(Handler, disposeHandler: false);
    }

    /// <summary>The default connection pool, shared by the invokers that add retries (<see cref="BackendInvokers"/>).</summary>
    public SocketsHttpHandler Handler { get; }

    /// <summary>The default pool without retries.</summary>
    public HttpMessageInvoker Invoker { get; }

    /// <summary>
    /// The pool for integrations that name <paramref name="trustStore"/>. An unknown name gets the
    /// default pool, which trusts less, so a typo fails closed (502) rather than trusting more.
    /// </summary>
    public SocketsHttpHandler HandlerFor(string? trustStore) =>
        trustStore is null || !_trustStore.Has(trustStore)
            ? Handler
            : _byTrustStore.GetOrAdd(trustStore, static (name, self) =>
                new Lazy<SocketsHttpHandler>(() => CreateHandler(self._trustStore.CallbackFor(name))), this).Value;

    public void Dispose()
    {
        Invoker.Dispose();
        Handler.Dispose();
        foreach (var handler in _byTrustStore.Values.Where(lazy => lazy.IsValueCreated))
        {
            handler.Value.Dispose();
        }
    }

    private static SocketsHttpHandler CreateHandler(RemoteCertificateValidationCallback validate) => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = ConnectTimeout,
        EnableMultipleHttp2Connections = true,
        // Tracing headers are the business of the pipeline, not of the connection pool.
        ActivityHeadersPropagator = null,
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validate },
    };
}
