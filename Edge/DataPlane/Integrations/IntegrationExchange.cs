namespace OrleansGateway.Edge.DataPlane.Integrations;

/// <summary>
/// Per-request state of one backend exchange, shared between the forwarder and the (stateless,
/// singleton) transformers through the request's <see cref="Pipeline.ExecuteApiRequest"/>.
/// </summary>
internal sealed class IntegrationExchange(CompiledIntegration integration, Uri destination, CancellationTokenSource timeout)
{
    public CompiledIntegration Integration { get; } = integration;

    public Uri Destination { get; } = destination;

    /// <summary>Fires when the backend's response headers have not arrived in time.</summary>
    public CancellationTokenSource Timeout { get; } = timeout;

    /// <summary>Set when the response headers arrived; from then on the timeout no longer applies.</summary>
    public bool HeadersReceived { get; private set; }

    /// <summary>Set when an HTTP integration's backend status selected no integration response.</summary>
    public bool NoIntegrationResponse { get; set; }

    /// <summary>The backend's status code once its headers arrived (the circuit breaker counts 5xx as failures).</summary>
    public int BackendStatus { get; private set; }

    /// <summary>Records that headers arrived and disarms the timeout.</summary>
    public void OnHeadersReceived(int backendStatus)
    {
        HeadersReceived = true;
        BackendStatus = backendStatus;
        Timeout.CancelAfter(System.Threading.Timeout.InfiniteTimeSpan);
    }
}
