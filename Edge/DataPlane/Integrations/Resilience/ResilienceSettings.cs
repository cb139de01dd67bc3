namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>The resilience of one compiled integration: its backend's circuit breaker and its retries.</summary>
internal sealed record ResilienceSettings(CircuitBreakerSettings CircuitBreaker, RetrySettings Retry)
{
    /// <summary>The defaults, used when neither the operation nor the API carries <c>x-gateway-resilience</c>.</summary>
    public static ResilienceSettings Default { get; } = new(CircuitBreakerSettings.Default, RetrySettings.Default);
}
