using System.Collections.Concurrent;
using Orleans.Concurrency;
using OrleansGateway.Edge.Hosting;
using OrleansGateway.Grains.Interfaces.Metering;

namespace OrleansGateway.Edge.UsagePlans.Leases;

/// <summary>
/// Counts admitted requests per (plan, key, UTC day) in memory; <see cref="FlushAsync"/> (once a
/// second, from <see cref="LeaseMaintenanceService"/>) sends one batch per meter grain. Each grain
/// gets batches with increasing sequence numbers; a batch whose call failed is resent unchanged
/// (same sequence) before anything newer, so the grain applies it exactly once.
/// </summary>
/// <remarks>
/// A counter that goes from zero to one queues itself, and a flush drains only that queue: with
/// 100,000 keys used in the last hour a flush visits the keys counted in the last second, not every
/// key of the day (walking them all each second cost about 1.5 µs per request at 10,000 req/s).
/// </remarks>
internal sealed partial class UsageRecorder(IGrainFactory grains, EdgeIdentity edge, TimeProvider clock, ILogger<UsageRecorder> logger)
    : IUsageRecorder
{
    private readonly ConcurrentDictionary<UsageKey, Counter> _counts = new();
    private readonly ConcurrentQueue<Counter> _dirty = new();
    private readonly Dictionary<string, MeterTarget> _targets = new(StringComparer.Ordinal);
    private DateOnly _sweptDay = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Sequence numbers start from the start time, so an edge restarted under the same configured
    /// id still sends numbers above any it sent before.
    /// </summary>
    private long _sequence = clock.GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public void Record(string planId, string keyId)
    {
        ArgumentNullException.ThrowIfNull(planId);
        ArgumentNullException.ThrowIfNull(keyId);
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var counter = _counts.GetOrAdd(new UsageKey(planId, keyId, day), static key => new Counter(key));
        if (counter.Add())
        {
            _dirty.Enqueue(counter);
        }
        LeaseCallCounter.CountAdmitted();
    }

    /// <summary>Sends what was counted since the last flush (and resends batches that failed). Not reentrant: one caller.</summary>
    public async Task FlushAsync()
    {
        // Drain only what is queued now: requests counting meanwhile wait for the next flush.
        for (var pending = _dirty.Count; pending > 0 && _dirty.TryDequeue(out var counter); pending--)
        {
            Collect(counter);
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (today != _sweptDay)
        {
            ForgetPastDays(today);
            _sweptDay = today;
        }

        var sends = new List<Task>();
        foreach (var (grainKey, target) in _targets)
        {
            if (target.NextBatch(edge.Id, ref _sequence) is { } batch)
            {
                sends.Add(SendAsync(grainKey, target, batch));
            }
        }
        await Task.WhenAll(sends);

        foreach (var (grainKey, target) in _targets.Where(t => t.Value.IsEmpty).ToList())
        {
            _targets.Remove(grainKey);
        }
    }

    private void Collect(Counter counter)
    {
        var count = counter.Take();
        if (count > 0)
        {
            Target(counter.MeterKey).Add(counter.Key.PlanId, counter.Key.KeyId, count);
        }
    }

    /// <summary>
    /// Drops the counters of days before <paramref name="today"/>. A request that still holds one
    /// and counts into it queues it again (its count goes from zero to one), so nothing is lost.
    /// </summary>
    private void ForgetPastDays(DateOnly today)
    {
        foreach (var (key, counter) in _counts)
        {
            if (key.Day < today && _counts.TryRemove(new KeyValuePair<UsageKey, Counter>(key, counter)))
            {
                Collect(counter);
            }
        }
    }

    private MeterTarget Target(string grainKey)
    {
        if (!_targets.TryGetValue(grainKey, out var target))
        {
            _targets[grainKey] = target = new MeterTarget();
        }
        return target;
    }

    private async Task SendAsync(string grainKey, MeterTarget target, UsageBatch batch)
    {
        LeaseCallCounter.CountMeterFlush();
        try
        {
            await grains.GetGrain<IUsageMeterGrain>(grainKey).Apply(new Immutable<UsageBatch>(batch));
            target.Acknowledge();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Kept in flight: the next flush resends it under the same sequence number.
            Log.FlushFailed(logger, grainKey, exception);
        }
    }

    private readonly record struct UsageKey(string PlanId, string KeyId, DateOnly Day);

    /// <summary>One (plan, key, day)'s count since the last flush, and the meter grain it goes to (computed once).</summary>
    private sealed class Counter(UsageKey key)
    {
        private long _value;

        public UsageKey Key { get; } = key;

        public string MeterKey { get; } = IUsageMeterGrain.KeyOf(key.Day, key.KeyId);

        /// <summary>Counts one; true when the count was zero, i.e. the counter must be queued for the next flush.</summary>
        public bool Add() => Interlocked.Increment(ref _value) == 1;

        public long Take() => Interlocked.Exchange(ref _value, 0);
    }

    /// <summary>One meter grain's counts waiting to be sent, and the batch sent but not yet acknowledged.</summary>
    private sealed class MeterTarget
    {
        private readonly Dictionary<(string PlanId, string KeyId), long> _pending = [];
        private UsageBatch? _inFlight;

        public bool IsEmpty => _inFlight is null && _pending.Count == 0;

        public void Add(string planId, string keyId, long count) =>
            _pending[(planId, keyId)] = _pending.GetValueOrDefault((planId, keyId)) + count;

        public UsageBatch? NextBatch(string edgeId, ref long sequence)
        {
            if (_inFlight is null && _pending.Count > 0)
            {
                _inFlight = new UsageBatch(edgeId, ++sequence, _pending.Select(p => new UsageCount(p.Key.PlanId, p.Key.KeyId, p.Value)).ToList());
                _pending.Clear();
            }
            return _inFlight;
        }

        public void Acknowledge() => _inFlight = null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Usage batch for meter {MeterKey} failed; it is resent with the next flush.")]
        public static partial void FlushFailed(ILogger logger, string meterKey, Exception exception);
    }
}
