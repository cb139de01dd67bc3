using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Grains.Alarms;

/// <summary>The persisted part of the alarms grain: definitions, states and the undelivered outbox.</summary>
[GenerateSerializer, Alias("og.AlarmsState")]
public sealed class AlarmsState
{
    /// <summary>Metric alarms by name.</summary>
    [Id(0)]
    public Dictionary<string, MetricAlarmDefinition> MetricAlarms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Composite alarms by name.</summary>
    [Id(1)]
    public Dictionary<string, CompositeAlarmDefinition> CompositeAlarms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>States by alarm name.</summary>
    [Id(2)]
    public Dictionary<string, AlarmState> States { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Transitions not yet delivered, oldest first.</summary>
    [Id(3)]
    public List<AlarmNotification> Outbox { get; set; } = [];

    /// <summary>The last outbox sequence given out.</summary>
    [Id(4)]
    public long LastSequence { get; set; }
}
