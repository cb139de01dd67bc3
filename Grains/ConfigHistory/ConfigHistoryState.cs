using OrleansGateway.Grains.Interfaces.ConfigHistory;

namespace OrleansGateway.Grains.ConfigHistory;

/// <summary>A resource's recorded items, oldest first.</summary>
[GenerateSerializer, Alias("og.ConfigHistoryState")]
public sealed class ConfigHistoryState
{
    /// <summary>The items, oldest first, at most <see cref="IConfigHistoryGrain.MaxItems"/>.</summary>
    [Id(0)]
    public List<ConfigurationItem> Items { get; set; } = [];

    /// <summary>The last state id given out (kept when old items are dropped).</summary>
    [Id(1)]
    public long LastStateId { get; set; }
}
