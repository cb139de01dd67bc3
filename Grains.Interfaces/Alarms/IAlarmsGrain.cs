using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.Alarms;

/// <summary>
/// Every alarm of the gateway (key <see cref="Key"/>): definitions, states, the last hour of metric
/// totals the edges push, evaluation on a timer (one evaluator for the whole cluster, so a transition
/// happens once), and an outbox of transitions that one edge at a time claims and delivers.
/// </summary>
[Alias("og.IAlarmsGrain")]
public interface IAlarmsGrain : IGrainWithStringKey
{
    /// <summary>The only key.</summary>
    const string Key = "alarms";

    /// <summary>The metric bucket width in seconds.</summary>
    const int BucketSeconds = 10;

    /// <summary>Most alarms (metric and composite together).</summary>
    const int MaxAlarms = 1000;

    /// <summary>Adds an edge's closed buckets.</summary>
    [Alias("PushMetrics")]
    Task PushMetrics(Immutable<IReadOnlyList<MetricDatum>> data);

    /// <summary>Creates or replaces a metric alarm (a new one starts in INSUFFICIENT_DATA); false when <see cref="MaxAlarms"/> is reached.</summary>
    [Alias("PutMetricAlarm")]
    Task<bool> PutMetricAlarm(MetricAlarmDefinition alarm);

    /// <summary>Creates or replaces a composite alarm; false when <see cref="MaxAlarms"/> is reached.</summary>
    [Alias("PutCompositeAlarm")]
    Task<bool> PutCompositeAlarm(CompositeAlarmDefinition alarm);

    /// <summary>Deletes alarms by name; unknown names are ignored, as CloudWatch does.</summary>
    [Alias("DeleteAlarms")]
    Task DeleteAlarms(IReadOnlyList<string> names);

    /// <summary>Every alarm and its state.</summary>
    [Alias("Describe"), ReadOnly]
    Task<AlarmsSnapshot> Describe();

    /// <summary>Up to <paramref name="max"/> undelivered transitions, claimed by <paramref name="edgeId"/> for 30 s.</summary>
    [Alias("ClaimNotifications")]
    Task<IReadOnlyList<AlarmNotification>> ClaimNotifications(string edgeId, int max);

    /// <summary>Removes delivered transitions from the outbox.</summary>
    [Alias("AckNotifications")]
    Task AckNotifications(IReadOnlyList<long> sequences);
}
