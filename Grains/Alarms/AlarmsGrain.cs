using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Grains.Alarms;

/// <summary>
/// Alarms and their evaluation; see <see cref="IAlarmsGrain"/>. Metric buckets are kept in memory
/// only (the last hour): after a silo failure, alarms see missing data until edges push again.
/// </summary>
public sealed class AlarmsGrain(
    [PersistentState("alarms", GrainStorage.Name)] IPersistentState<AlarmsState> state,
    TimeProvider clock) : Grain, IAlarmsGrain
{
    private static readonly TimeSpan EvaluationInterval = TimeSpan.FromSeconds(IAlarmsGrain.BucketSeconds);
    private static readonly TimeSpan ClaimLifetime = TimeSpan.FromSeconds(30);
    private const int MaxOutbox = 10_000;
    private const long RetentionSeconds = 3600;

    private readonly Dictionary<(string Api, string Stage, long Bucket), MetricDatum> _buckets = [];
    private readonly Dictionary<long, DateTimeOffset> _claims = [];
    private IGrainTimer? _timer;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _timer = this.RegisterGrainTimer(EvaluateAsync, new GrainTimerCreationOptions(EvaluationInterval, EvaluationInterval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PushMetrics(Immutable<IReadOnlyList<MetricDatum>> data)
    {
        var oldest = clock.GetUtcNow().ToUnixTimeSeconds() - RetentionSeconds;
        foreach (var datum in data.Value.Where(d => d.BucketStart >= oldest))
        {
            var key = (datum.ApiId, datum.Stage, datum.BucketStart);
            _buckets[key] = _buckets.TryGetValue(key, out var known)
                ? known with
                {
                    Count = known.Count + datum.Count,
                    ClientErrors = known.ClientErrors + datum.ClientErrors,
                    ServerErrors = known.ServerErrors + datum.ServerErrors,
                    LatencySum = known.LatencySum + datum.LatencySum,
                    LatencyMin = Math.Min(known.LatencyMin, datum.LatencyMin),
                    LatencyMax = Math.Max(known.LatencyMax, datum.LatencyMax),
                }
                : datum;
        }
        foreach (var expired in _buckets.Keys.Where(k => k.Bucket < oldest).ToList())
        {
            _buckets.Remove(expired);
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<bool> PutMetricAlarm(MetricAlarmDefinition alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (!Exists(alarm.Name) && Full)
        {
            return false;
        }
        state.State.CompositeAlarms.Remove(alarm.Name);
        state.State.MetricAlarms[alarm.Name] = alarm;
        state.State.States.TryAdd(alarm.Name, new AlarmState(AlarmStateValues.InsufficientData, "Unchecked: Initial alarm creation", clock.GetUtcNow()));
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> PutCompositeAlarm(CompositeAlarmDefinition alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (!Exists(alarm.Name) && Full)
        {
            return false;
        }
        state.State.MetricAlarms.Remove(alarm.Name);
        state.State.CompositeAlarms[alarm.Name] = alarm;
        state.State.States.TryAdd(alarm.Name, new AlarmState(AlarmStateValues.InsufficientData, "Unchecked: Initial alarm creation", clock.GetUtcNow()));
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public async Task DeleteAlarms(IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            state.State.MetricAlarms.Remove(name);
            state.State.CompositeAlarms.Remove(name);
            state.State.States.Remove(name);
        }
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<AlarmsSnapshot> Describe() => Task.FromResult(new AlarmsSnapshot(
        [.. state.State.MetricAlarms.Values.OrderBy(a => a.Name, StringComparer.Ordinal)],
        [.. state.State.CompositeAlarms.Values.OrderBy(a => a.Name, StringComparer.Ordinal)],
        new Dictionary<string, AlarmState>(state.State.States)));

    /// <inheritdoc />
    public Task<IReadOnlyList<AlarmNotification>> ClaimNotifications(string edgeId, int max)
    {
        var now = clock.GetUtcNow();
        var claimed = state.State.Outbox
            .Where(n => !_claims.TryGetValue(n.Sequence, out var until) || until < now)
            .Take(Math.Clamp(max, 1, 500))
            .ToList();
        foreach (var notification in claimed)
        {
            _claims[notification.Sequence] = now + ClaimLifetime;
        }
        return Task.FromResult<IReadOnlyList<AlarmNotification>>(claimed);
    }

    /// <inheritdoc />
    public async Task AckNotifications(IReadOnlyList<long> sequences)
    {
        var done = sequences.ToHashSet();
        if (state.State.Outbox.RemoveAll(n => done.Contains(n.Sequence)) > 0)
        {
            foreach (var sequence in done)
            {
                _claims.Remove(sequence);
            }
            await state.WriteStateAsync();
        }
    }

    private bool Exists(string name) => state.State.MetricAlarms.ContainsKey(name) || state.State.CompositeAlarms.ContainsKey(name);

    private bool Full => state.State.MetricAlarms.Count + state.State.CompositeAlarms.Count >= IAlarmsGrain.MaxAlarms;

    private async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var data = _buckets.Values.ToList();
        var changed = false;
        foreach (var alarm in state.State.MetricAlarms.Values)
        {
            var current = state.State.States.GetValueOrDefault(alarm.Name)?.Value ?? AlarmStateValues.InsufficientData;
            var (next, reason) = MetricAlarmEvaluator.Evaluate(alarm, data, now, current);
            changed |= Transition(alarm.Name, next, reason, alarm.Actions, now);
        }
        // Composites may name composites: a few passes let a change ripple through.
        for (var pass = 0; pass < 3; pass++)
        {
            var rippled = false;
            foreach (var alarm in state.State.CompositeAlarms.Values)
            {
                var rule = AlarmRuleExpression.Parse(alarm.Rule);
                var holds = rule.Evaluate(name => state.State.States.GetValueOrDefault(name)?.Value);
                var reason = holds ? $"The rule {alarm.Rule} is true." : $"The rule {alarm.Rule} is false.";
                rippled |= Transition(alarm.Name, holds ? AlarmStateValues.Alarm : AlarmStateValues.Ok, reason, alarm.Actions, now);
            }
            changed |= rippled;
            if (!rippled)
            {
                break;
            }
        }
        if (changed)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    private bool Transition(string name, string next, string reason, AlarmActions actions, DateTimeOffset now)
    {
        var current = state.State.States.GetValueOrDefault(name);
        if (current?.Value == next)
        {
            return false;
        }
        state.State.States[name] = new AlarmState(next, reason, now);
        state.State.Outbox.Add(new AlarmNotification(++state.State.LastSequence, name, current?.Value ?? AlarmStateValues.InsufficientData, next, reason, now, actions.For(next)));
        if (state.State.Outbox.Count > MaxOutbox)
        {
            state.State.Outbox.RemoveRange(0, state.State.Outbox.Count - MaxOutbox);
        }
        return true;
    }
}
