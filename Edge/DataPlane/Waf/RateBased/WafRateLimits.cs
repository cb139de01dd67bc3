namespace OrleansGateway.Edge.DataPlane.Waf.RateBased;

/// <summary>
/// A rule's thresholds in the form the per-request path uses them, worked out once per rule.
/// </summary>
/// <param name="Limit">Requests allowed per key per window.</param>
/// <param name="FreeUpTo">A key's count below which an edge may admit without an allowance (half the limit, at least 1).</param>
/// <param name="AskFrom">A key's count from which an edge asks for an allowance ahead of need (a quarter of the limit).</param>
/// <param name="FreePerFlush">Requests an edge may admit for a key per flush interval without an allowance.</param>
/// <param name="WindowTicks">The evaluation window on the edge's monotonic clock.</param>
/// <param name="KnownLifetimeTicks">How long the cluster count a shard last told is trusted.</param>
internal readonly record struct WafRateLimits(
    long Limit, long FreeUpTo, long AskFrom, long FreePerFlush, long WindowTicks, long KnownLifetimeTicks);
