namespace OrleansGateway.Edge.Management.Audit;

/// <summary>The audit trail's settings, bound from <c>Gateway:Audit</c>.</summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Gateway:Audit";

    /// <summary>
    /// The Redis the trail is kept in (StackExchange.Redis configuration string). Empty: the
    /// cluster's Redis (<c>Gateway:Cluster:Redis</c>) in cluster mode, memory (plus <see cref="FilePath"/>) in dev mode.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The prefix of the trail's Redis keys (<c>{prefix}:records</c>, <c>:head</c>, <c>:digests</c>).</summary>
    public string KeyPrefix { get; set; } = "gateway:audit";

    /// <summary>
    /// The HMAC-SHA256 key (any string of 32 characters or more) that signs the chain's head and its
    /// periodic digests. Never logged. Empty in dev mode: a random key for the process's lifetime.
    /// </summary>
    public string? DigestKey { get; set; }

    /// <summary>A signed digest is added after every this many records.</summary>
    public int DigestEvery { get; set; } = 100;

    /// <summary>Without Redis, the file the records are also appended to (one line each) and reloaded from at start.</summary>
    public string? FilePath { get; set; }

    /// <summary>Request parameters larger than this (as JSON) are recorded as their size and SHA-256 only.</summary>
    public int MaxParameterBytes { get; set; } = 16 * 1024;

    /// <summary>The user name recorded for calls signed by the admin key.</summary>
    public string AdminUserName { get; set; } = "gateway-admin";

    /// <summary>The most records one LookupEvents call scans before it answers with a NextToken.</summary>
    public int MaxScanPerLookup { get; set; } = 5000;

    /// <summary>
    /// The durable spool an append goes to when the store cannot take it (Redis down): an fsync'd
    /// append-only file, drained in order into the store when it is back. Empty: <c>audit-spool.jsonl</c>
    /// in the dev data directory (dev mode) or <c>audit-spool/{EdgeId or data port}.jsonl</c> under the
    /// working directory. Each edge needs its own; it is locked while the edge runs. Unused without Redis.
    /// </summary>
    public string? SpoolPath { get; set; }

    /// <summary>
    /// Records the spool holds. When it is full, audited management calls are refused with 503 before
    /// they run, rather than run unaudited.
    /// </summary>
    public int SpoolCapacity { get; set; } = 1000;

    /// <summary>Refused (unauthenticated) calls recorded per source IP per window; the rest are counted, not recorded.</summary>
    public int RefusedCallsPerSource { get; set; } = 20;

    /// <summary>Refused calls recorded per window over all sources (a flood from many addresses is bounded too).</summary>
    public int RefusedCallsTotal { get; set; } = 200;

    /// <summary>The window, in seconds, of the refused-call limits; each window with suppressed calls ends with one summary record.</summary>
    public int RefusedCallsWindowSeconds { get; set; } = 60;
}
