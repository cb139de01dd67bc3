namespace OrleansGateway.Grains.Interfaces.Alarms;

/// <summary>Where an alarm's transitions are sent: webhook URLs per new state.</summary>
/// <param name="Enabled">ActionsEnabled.</param>
/// <param name="OnAlarm">AlarmActions.</param>
/// <param name="OnOk">OKActions.</param>
/// <param name="OnInsufficientData">InsufficientDataActions.</param>
[GenerateSerializer, Immutable, Alias("og.AlarmActions")]
public sealed record AlarmActions(
    [property: Id(0)] bool Enabled,
    [property: Id(1)] IReadOnlyList<string> OnAlarm,
    [property: Id(2)] IReadOnlyList<string> OnOk,
    [property: Id(3)] IReadOnlyList<string> OnInsufficientData)
{
    /// <summary>The actions for a new state.</summary>
    public IReadOnlyList<string> For(string state) => !Enabled ? [] : state switch
    {
        AlarmStateValues.Alarm => OnAlarm,
        AlarmStateValues.Ok => OnOk,
        _ => OnInsufficientData,
    };
}
