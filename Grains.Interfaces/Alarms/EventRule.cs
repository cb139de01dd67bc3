namespace OrleansGateway.Grains.Interfaces.Alarms;

/// <summary>An EventBridge-style rule: events matching <see cref="Pattern"/> go to its webhook targets.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Pattern">The EventPattern JSON.</param>
/// <param name="Enabled">State ENABLED (true) or DISABLED.</param>
/// <param name="Description">Free text.</param>
/// <param name="Targets">Target id → webhook URL.</param>
[GenerateSerializer, Immutable, Alias("og.EventRule")]
public sealed record EventRule(
    [property: Id(0)] string Name,
    [property: Id(1)] string Pattern,
    [property: Id(2)] bool Enabled,
    [property: Id(3)] string? Description,
    [property: Id(4)] IReadOnlyDictionary<string, string> Targets);
