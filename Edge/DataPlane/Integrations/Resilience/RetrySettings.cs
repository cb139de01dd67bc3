namespace OrleansGateway.Edge.DataPlane.Integrations.Resilience;

/// <summary>
/// Retries of connection failures for idempotent methods without a request body:
/// <see cref="MaxRetries"/> more attempts after the first, with jittered exponential back-off
/// starting at <see cref="BaseDelay"/>. The integration timeout still bounds the whole exchange.
/// </summary>
internal sealed record RetrySettings(int MaxRetries, TimeSpan BaseDelay)
{
    /// <summary>Two retries, 50 ms apart before jitter and doubling.</summary>
    public static RetrySettings Default { get; } = new(2, TimeSpan.FromMilliseconds(50));

    /// <summary>No retry.</summary>
    public static RetrySettings None { get; } = new(0, TimeSpan.Zero);
}
