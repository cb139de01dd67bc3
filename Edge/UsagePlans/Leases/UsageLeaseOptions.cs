namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>Tuning of the edge's leases and usage metering (section <c>Gateway:Leases</c>).</summary>
public sealed class UsageLeaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Gateway:Leases";

    /// <summary>
    /// A throttle lease not used for this long is evicted, giving back what it holds (bounds memory to
    /// active keys). Quota leases go by <see cref="QuotaIdleRelease"/> and their grant's expiry.
    /// </summary>
    public TimeSpan IdleLeaseLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often usage counts are flushed to the meter grains.</summary>
    public TimeSpan MeterFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a lease call may take before the edge treats the grain as unreachable (throttle: its
    /// local fallback; quota: refused, outcome unknown and reconciled by epoch). A grain on a silo
    /// that died does not answer until membership declares the silo dead, and Orleans' own response
    /// timeout is 30 s: requests waiting for a renewal must not wait that long.
    /// </summary>
    public TimeSpan LeaseCallTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a throttle bucket runs on its local fallback after a grain call failed before the grain is tried again.</summary>
    public TimeSpan ThrottleFallbackDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a quota refuses after a grain call failed before the grain is tried again.</summary>
    public TimeSpan QuotaFailureRetry { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A quota lease unused this long reports and releases its units. Shorter than the grain's grant
    /// lifetime (10 s): a grant left to expire is counted as used in full, so a key whose traffic stops
    /// would otherwise lose the units its edges still held.
    /// </summary>
    public TimeSpan QuotaIdleRelease { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Most quota leases an edge keeps. A key's standing grant lasts half an hour, so a lease stays for
    /// every key seen in that time; beyond this many, the leases unused longest (idle at least
    /// <see cref="QuotaIdleRelease"/>) report and release their units once a second. About 300 bytes
    /// each.
    /// </summary>
    public int MaxQuotaLeases { get; set; } = 250_000;

    /// <summary>
    /// Per-client throttle buckets held by 64 shard grains and leased in batches, with a standing
    /// allowance for cold keys (<c>docs/limits-scale.md</c>): grain calls then scale with shards, not
    /// keys, for deployments with very many keys in use. Off by default: in full test runs on a
    /// starved 2-core machine three edges sharing one hot bucket admitted 29–45 % of its rate through
    /// the batched path (two of five runs), which the per-bucket grain never did.
    /// </summary>
    public bool BatchClientThrottles { get; set; }

    /// <summary>
    /// How often this edge sends one throttle shard's pending per-client renewals, returns and debts
    /// (one call per shard; with <see cref="BatchClientThrottles"/>). A request waiting for a renewal
    /// does not wait for the interval.
    /// </summary>
    public TimeSpan ThrottleBatchInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
