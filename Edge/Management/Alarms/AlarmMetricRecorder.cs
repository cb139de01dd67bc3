using System.Collections.Concurrent;
using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Edge.Management.Alarms;

/// <summary>
/// This edge's data-plane totals per API stage in 10-second buckets (Count, 4XXError, 5XXError,
/// Latency), handed to the alarms grain once a bucket closes. The request path does one dictionary
/// lookup and a short uncontended lock; no remote call.
/// </summary>
public sealed class AlarmMetricRecorder(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(string Api, string Stage, long Bucket), Bucket> _buckets = new();

    /// <summary>Records one completed request of a stage.</summary>
    public void Record(string apiId, string stage, int status, double latencyMilliseconds) =>
        Add(apiId, stage, 1, status is >= 400 and < 500 ? 1 : 0, status >= 500 ? 1 : 0, latencyMilliseconds);

    /// <summary>Adds to a stage's current bucket (the meter source reports each instrument separately).</summary>
    public void Add(string apiId, string stage, long count, long clientErrors, long serverErrors, double? latencyMilliseconds)
    {
        var bucket = timeProvider.GetUtcNow().ToUnixTimeSeconds() / IAlarmsGrain.BucketSeconds * IAlarmsGrain.BucketSeconds;
        _buckets.GetOrAdd((apiId, stage, bucket), static _ => new Bucket()).Add(count, clientErrors, serverErrors, latencyMilliseconds);
    }

    /// <summary>Removes and returns every bucket that has closed.</summary>
    public IReadOnlyList<MetricDatum> TakeClosed()
    {
        var current = timeProvider.GetUtcNow().ToUnixTimeSeconds() / IAlarmsGrain.BucketSeconds * IAlarmsGrain.BucketSeconds;
        var closed = new List<MetricDatum>();
        foreach (var key in _buckets.Keys.Where(k => k.Bucket < current).ToList())
        {
            if (_buckets.TryRemove(key, out var bucket))
            {
                closed.Add(bucket.ToDatum(key.Api, key.Stage, key.Bucket));
            }
        }
        return closed;
    }

    private sealed class Bucket
    {
        private readonly Lock _gate = new();
        private long _count;
        private long _clientErrors;
        private long _serverErrors;
        private double _latencySum;
        private double _latencyMin = double.MaxValue;
        private double _latencyMax;

        public void Add(long count, long clientErrors, long serverErrors, double? latency)
        {
            lock (_gate)
            {
                _count += count;
                _clientErrors += clientErrors;
                _serverErrors += serverErrors;
                if (latency is { } value)
                {
                    _latencySum += value;
                    _latencyMin = Math.Min(_latencyMin, value);
                    _latencyMax = Math.Max(_latencyMax, value);
                }
            }
        }

        public MetricDatum ToDatum(string api, string stage, long start)
        {
            lock (_gate)
            {
                return new(api, stage, start, _count, _clientErrors, _serverErrors, _latencySum, _latencyMin == double.MaxValue ? 0 : _latencyMin, _latencyMax);
            }
        }
    }
}
