namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>
/// When the breaker of a backend opens: at least <see cref="MinimumThroughput"/> calls within
/// <see cref="SamplingDuration"/> of which at least <see cref="FailureRatio"/> failed (5xx from the
/// backend, connection failures, timeouts). It then stays open for <see cref="BreakDuration"/>
/// and lets one probe through (half-open).
/// </summary>
internal sealed record CircuitBreakerSettings(
    bool Enabled,
    double FailureRatio,
    TimeSpan SamplingDuration,
    int MinimumThroughput,
    TimeSpan BreakDuration)
{
    /// <summary>Half the calls failing among at least 20 in 30 s opens the breaker for 30 s.</summary>
    public static CircuitBreakerSettings Default { get; } = new(true, 0.5, TimeSpan.FromSeconds(30), 20, TimeSpan.FromSeconds(30));
}
