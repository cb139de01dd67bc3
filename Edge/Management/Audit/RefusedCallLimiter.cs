namespace OrleansGateway.Edge.Management.Audit;

/// <summary>
/// Bounds how many refused (unauthenticated) management calls become audit records, so a flood of
/// bad signatures cannot grow the trail without limit: per window, at most
/// <see cref="AuditOptions.RefusedCallsPerSource"/> records per source IP and
/// <see cref="AuditOptions.RefusedCallsTotal"/> in all. The rest are counted per source and reported
/// in one summary record when the window closes (<see cref="TakeSummary"/>).
/// </summary>
public sealed class RefusedCallLimiter(int perSource, int total, TimeSpan window, TimeProvider timeProvider)
{
    /// <summary>Sources tracked per window; beyond it, new addresses share one "other" count (memory stays bounded).</summary>
    internal const int MaxTrackedSources = 10_000;

    /// <summary>The address suppressed calls are counted under once <see cref="MaxTrackedSources"/> is reached.</summary>
    internal const string OtherSources = "other";

    private readonly Lock _lock = new();
    private Dictionary<string, Counts> _sources = new(StringComparer.Ordinal);
    private DateTimeOffset _windowStart = timeProvider.GetUtcNow();
    private int _recorded;
    private RefusedCallSummary? _closed;

    /// <summary>Whether the refused call from <paramref name="sourceIp"/> is recorded (true) or only counted.</summary>
    public bool TryAdmit(string sourceIp)
    {
        lock (_lock)
        {
            Roll();
            if (!_sources.TryGetValue(sourceIp, out var counts))
            {
                if (_sources.Count >= MaxTrackedSources)
                {
                    sourceIp = OtherSources;
                    counts = _sources.GetValueOrDefault(sourceIp);
                }
                counts ??= new Counts();
                _sources[sourceIp] = counts;
            }
            if (counts.Recorded < perSource && _recorded < total && sourceIp != OtherSources)
            {
                counts.Recorded++;
                _recorded++;
                return true;
            }
            counts.Suppressed++;
            AuditMetrics.RefusedCallsSuppressed(1);
            return false;
        }
    }

    /// <summary>The summary of the last closed window that suppressed calls, once; null when there is none.</summary>
    public RefusedCallSummary? TakeSummary()
    {
        lock (_lock)
        {
            Roll();
            var summary = _closed;
            _closed = null;
            return summary;
        }
    }

    private void Roll()
    {
        var now = timeProvider.GetUtcNow();
        if (now - _windowStart < window)
        {
            return;
        }
        var suppressed = _sources.Where(s => s.Value.Suppressed > 0).OrderByDescending(s => s.Value.Suppressed).ToList();
        if (suppressed.Count > 0)
        {
            // A summary not yet taken is merged rather than lost: its totals carry over.
            var previous = _closed;
            _closed = new RefusedCallSummary(previous?.WindowStart ?? _windowStart, now,
                suppressed.Sum(s => s.Value.Suppressed) + (previous?.Suppressed ?? 0),
                suppressed.Count + (previous?.SourceCount ?? 0),
                [.. suppressed.Take(RefusedCallSummary.MaxListedSources).Select(s => (s.Key, s.Value.Suppressed))]);
        }
        _sources = new(StringComparer.Ordinal);
        _recorded = 0;
        _windowStart = now;
    }

    private sealed class Counts
    {
        public int Recorded;
        public long Suppressed;
    }
}
