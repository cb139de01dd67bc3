using OrleansGateway.Grains.Interfaces.Alarms;

namespace OrleansGateway.Grains.Alarms;

/// <summary>Event rules by name.</summary>
[GenerateSerializer, Alias("og.EventRulesState")]
public sealed class EventRulesState
{
    /// <summary>Rules by name.</summary>
    [Id(0)]
    public Dictionary<string, EventRule> Rules { get; set; } = new(StringComparer.Ordinal);
}
