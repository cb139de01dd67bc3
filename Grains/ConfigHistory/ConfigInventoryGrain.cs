using OrleansGateway.Grains.Interfaces.ConfigHistory;

namespace OrleansGateway.Grains.ConfigHistory;

/// <summary>The latest item of every resource; see <see cref="IConfigInventoryGrain"/>.</summary>
public sealed class ConfigInventoryGrain(
    [PersistentState("configinventory", GrainStorage.Name)] IPersistentState<ConfigInventoryState> state) : Grain, IConfigInventoryGrain
{
    /// <inheritdoc />
    public async Task Put(ConfigurationItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var latest = state.State.Latest;
        latest[IConfigHistoryGrain.KeyFor(item.ResourceType, item.ResourceId)] = item;
        if (latest.Count > IConfigInventoryGrain.MaxResources)
        {
            var forget = latest.OrderBy(pair => pair.Value.Configuration is null ? 0 : 1).ThenBy(pair => pair.Value.CaptureTime).First().Key;
            latest.Remove(forget);
        }
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConfigurationItem>> List(string? resourceType)
    {
        IReadOnlyList<ConfigurationItem> items = state.State.Latest.Values
            .Where(i => resourceType is null || i.ResourceType == resourceType)
            .OrderBy(i => i.ResourceType, StringComparer.Ordinal).ThenBy(i => i.ResourceId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(items);
    }
}
