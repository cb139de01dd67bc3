namespace OrleansGateway.Grains.Interfaces.Alarms;

/// <summary>An alarm's state change, waiting in the alarms grain's outbox for an edge to deliver it.</summary>
/// <param name="Sequence">Increasing id in the outbox.</param>
/// <param name="AlarmName">The alarm.</param>
/// <param name="OldState">The state before.</param>
/// <param name="NewState">The state after.</param>
/// <param name="Reason">Why.</param>
/// <param name="Time">When.</param>
/// <param name="Actions">The webhook URLs for the new state.</param>
[GenerateSerializer, Immutable, Alias("og.AlarmNotification")]
public sealed record AlarmNotification(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string AlarmName,
    [property: Id(2)] string OldState,
    [property: Id(3)] string NewState,
    [property: Id(4)] string Reason,
    [property: Id(5)] DateTimeOffset Time,
    [property: Id(6)] IReadOnlyList<string> Actions);
