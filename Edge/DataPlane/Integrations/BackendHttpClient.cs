using System.Net;
using OrleansGateway.Edge.DataPlane.Integrations.Resilience;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// The one <see cref="HttpMessageInvoker"/> every HTTP integration uses, so connections to
/// backends are pooled across requests and APIs. Backend certificates are verified
/// (<see cref="BackendTrustStore"/>).
/// </summary>
internal sealed class BackendHttpClient : IDisposable
{
    /// <summary>Bounds connection setup; the integration timeout bounds the whole wait for headers.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public BackendHttpClient(BackendTrustStore trustStore)
    {
        Handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = ConnectTimeout,
            EnableMultipleHttp2Connections = true,
            // Tracing headers are the business of the pipeline, not of the connection pool.
            ActivityHeadersPropagator = null,
        };
        Handler.SslOptions.RemoteCertificateValidationCallback = trustStore.Validate;
        Invoker = new HttpMessageInvoker(Handler, disposeHandler: false);
    }

    /// <summary>The connection pool, shared by the invokers that add retries (<see cref="BackendInvokers"/>).</summary>
    public SocketsHttpHandler Handler { get; }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose()
    {
        Invoker.Dispose();
        Handler.Dispose();
    }
}
