namespace OrleansGateway.Grains.Interfaces.Alarms;

/// <summary>Every alarm with its state.</summary>
/// <param name="MetricAlarms">Metric alarms by name.</param>
/// <param name="CompositeAlarms">Composite alarms by name.</param>
/// <param name="States">Alarm name → state.</param>
[GenerateSerializer, Immutable, Alias("og.AlarmsSnapshot")]
public sealed record AlarmsSnapshot(
    [property: Id(0)] IReadOnlyList<MetricAlarmDefinition> MetricAlarms,
    [property: Id(1)] IReadOnlyList<CompositeAlarmDefinition> CompositeAlarms,
    [property: Id(2)] IReadOnlyDictionary<string, AlarmState> States);
