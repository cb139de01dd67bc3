namespace OrleansGateway.Grains.Interfaces.Alarms;

/// <summary>An alarm's current state.</summary>
/// <param name="Value">ALARM, OK or INSUFFICIENT_DATA.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="UpdatedAt">When it last changed.</param>
[GenerateSerializer, Immutable, Alias("og.AlarmState")]
public sealed record AlarmState(
    [property: Id(0)] string Value,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset UpdatedAt);
