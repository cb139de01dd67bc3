namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>The resilience of one compiled integration: its backend's circuit breaker and its retries.</summary>
/// <param name="CircuitBreaker">The breaker of the integration's backend.</param>
/// <param name="Retry">Retries of connection failures.</param>
/// <param name="TrustStore">The name of a <c>Gateway:Backends:TrustStores</c> CA bundle trusted for this backend, or null.</param>
/// <param name="ClientCertificateId">
/// The client certificate presented to the backend (mutual TLS): the extension's
/// <c>tls.clientCertificateId</c>, else the stage's <c>clientCertificateId</c>; null for none.
/// </param>
internal sealed record ResilienceSettings(CircuitBreakerSettings CircuitBreaker, RetrySettings Retry, string? TrustStore = null, string? ClientCertificateId = null)
{
    /// <summary>The defaults, used when neither the operation nor the API carries <c>x-gateway-resilience</c>.</summary>
    public static ResilienceSettings Default { get; } = new(CircuitBreakerSettings.Default, RetrySettings.Default);
}
