using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// The audit trail's counters on the meter <c>OrleansGateway.Audit</c>: records waiting in spools,
/// calls refused because the spool was full, refused calls counted but not recorded, records lost.
/// Static like the gateway's other meters; the pending gauge sums the spools open in this process.
/// </summary>
public static class AuditMetrics
{
    /// <summary>The meter's name, for exporters to subscribe to.</summary>
    public const string MeterName = "OrleansGateway.Audit";

    private static readonly Meter s_meter = new(MeterName);

    private static readonly ConcurrentDictionary<AuditSpool, byte> s_spools = new();

    private static readonly Counter<long> s_spoolFullRefusals = s_meter.CreateCounter<long>(
        "gateway.audit.spool_full_refusals", "{call}", "Management calls refused 503 before running because the audit spool was full.");

    private static readonly Counter<long> s_refusedSuppressed = s_meter.CreateCounter<long>(
        "gateway.audit.refused_calls_suppressed", "{call}", "Refused (unauthenticated) management calls over the per-source or total limit: counted in a summary record, not recorded one by one.");

    private static readonly Counter<long> s_dropped = s_meter.CreateCounter<long>(
        "gateway.audit.records_dropped", "{record}", "Audit records lost: the store failed and the spool was full (only refusal records, which cannot be refused again).");

    static AuditMetrics() =>
        s_meter.CreateObservableGauge("gateway.audit.spool_pending", () => s_spools.Keys.Sum(s => (long)s.Pending), "{record}",
            "Audit records in this edge's spool waiting to be drained into the store.");

    internal static void Track(AuditSpool spool) => s_spools.TryAdd(spool, 0);

    internal static void Untrack(AuditSpool spool) => s_spools.TryRemove(spool, out _);

    internal static void SpoolFullRefusal() => s_spoolFullRefusals.Add(1);

    internal static void RefusedCallsSuppressed(long count) => s_refusedSuppressed.Add(count);

    internal static void RecordDropped() => s_dropped.Add(1);
}
