using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.ConfigHistory;

/// <summary>The latest configuration item of every recorded resource (key <see cref="Key"/>): what rules evaluate.</summary>
[Alias("og.IConfigInventoryGrain")]
public interface IConfigInventoryGrain : IGrainWithStringKey
{
    /// <summary>The inventory's only key.</summary>
    const string Key = "inventory";

    /// <summary>Most resources tracked; beyond it the oldest deleted ones are forgotten first.</summary>
    const int MaxResources = 50_000;

    /// <summary>Replaces the latest item of its resource.</summary>
    [Alias("Put")]
    Task Put(ConfigurationItem item);

    /// <summary>The latest item of every resource (of <paramref name="resourceType"/> when given), deleted ones included.</summary>
    [Alias("List"), ReadOnly]
    Task<IReadOnlyList<ConfigurationItem>> List(string? resourceType);
}
