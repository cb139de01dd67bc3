namespace OrleansGateway.Grains.Interfaces.Alarms;

/// <summary>CloudWatch's alarm states.</summary>
public static class AlarmStateValues
{
    /// <summary>The condition holds.</summary>
    public const string Alarm = "ALARM";

    /// <summary>The condition does not hold.</summary>
    public const string Ok = "OK";

    /// <summary>Not enough data to tell (the state of a new alarm).</summary>
    public const string InsufficientData = "INSUFFICIENT_DATA";
}
