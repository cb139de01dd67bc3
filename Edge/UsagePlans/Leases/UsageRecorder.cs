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
internal sealed partial class UsageRecorder(IGrainFactory grains, EdgeIdentity edge, TimeProvider clock, ILogger<UsageRecorder> logger)
    : IUsageRecorder
{
    private readonly ConcurrentDictionary<UsageKey, Counter> _counts = new();
    private readonly Dictionary<string, MeterTarget> _targets = new(StringComparer.Ordinal);

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
        _counts.GetOrAdd(new UsageKey(planId, keyId, day), static _ => new Counter()).Add();
        LeaseCallCounter.CountAdmitted();
    }

    /// <summary>Sends what was counted since the last flush (and resends batches that failed). Not reentrant: one caller.</summary>
    public async Task FlushAsync()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var (key, counter) in _counts)
        {
            var count = counter.Take();
            if (count == 0 && key.Day < today && _counts.TryRemove(new KeyValuePair<UsageKey, Counter>(key, counter)))
            {
                // A request that raced the removal still counted into this counter: take that too.
                count = counter.Take();
            }
            if (count > 0)
            {
                Target(IUsageMeterGrain.KeyOf(key.Day, key.KeyId)).Add(key.PlanId, key.KeyId, count);
            }
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

    private sealed class Counter
    {
        private long _value;

        public void Add() => Interlocked.Increment(ref _value);

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
