using System.Net;

namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// The one <see cref="HttpMessageInvoker"/> every HTTP integration uses, so connections to
/// backends are pooled across requests and APIs.
/// </summary>
internal sealed class BackendHttpClient : IDisposable
{
    /// <summary>Bounds connection setup; the integration timeout bounds the whole wait for headers.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public HttpMessageInvoker Invoker { get; } = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = ConnectTimeout,
        EnableMultipleHttp2Connections = true,
        // Tracing headers are the business of the pipeline, not of the connection pool.
        ActivityHeadersPropagator = null,
    });

    public void Dispose() => Invoker.Dispose();
}
