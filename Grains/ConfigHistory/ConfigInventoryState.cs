using OrleansGateway.Grains.Interfaces.ConfigHistory;

namespace OrleansGateway.Grains.ConfigHistory;

/// <summary>The latest item per resource key.</summary>
[GenerateSerializer, Alias("og.ConfigInventoryState")]
public sealed class ConfigInventoryState
{
    /// <summary>Resource key → latest item.</summary>
    [Id(0)]
    public Dictionary<string, ConfigurationItem> Latest { get; set; } = new(StringComparer.Ordinal);
}
