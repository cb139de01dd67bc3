namespace OrleansGateway.Edge.DataPlane.Waf.RateBased;

/// <summary>Tuning of the cluster-wide counting of rate-based rules (section <c>Gateway:Waf:RateBased</c>).</summary>
public sealed class WafRateOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gateway:Waf:RateBased";

    /// <summary>
    /// How often an edge sends its counts (one batch per rule shard with traffic). Shorter: keys learn
    /// they are blocked sooner and a dead edge loses fewer counts; longer: fewer grain calls.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Share of a rule's limit an edge may admit for a key per flush interval without an allowance,
    /// while the key is under half its limit (cold and sparse keys never wait for a grain).
    /// </summary>
    public double FreeShare { get; set; } = 0.05;

    /// <summary>
    /// Keys tracked on this edge across all rules before idle ones are evicted early (memory bound;
    /// about 300 bytes a key).
    /// </summary>
    public int MaxTrackedKeys { get; set; } = 200_000;

    /// <summary>How long a shard is counted on this edge alone after a failed call before the grain is tried again.</summary>
    public TimeSpan FallbackDuration { get; set; } = TimeSpan.FromSeconds(1);
}
