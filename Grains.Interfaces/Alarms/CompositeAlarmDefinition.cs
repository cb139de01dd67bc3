namespace OrleansGateway.Grains.Interfaces.Alarms;

/// <summary>A composite alarm, as CloudWatch's PutCompositeAlarm.</summary>
/// <param name="Name">AlarmName.</param>
/// <param name="Description">AlarmDescription.</param>
/// <param name="Rule">AlarmRule, e.g. <c>ALARM("errors") AND NOT OK(latency)</c>.</param>
/// <param name="Actions">Where transitions are sent.</param>
[GenerateSerializer, Immutable, Alias("og.CompositeAlarmDefinition")]
public sealed record CompositeAlarmDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Description,
    [property: Id(2)] string Rule,
    [property: Id(3)] AlarmActions Actions);
