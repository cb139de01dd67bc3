using OrleansGateway.Grains.Interfaces.ConfigHistory;

namespace OrleansGateway.Grains.ConfigHistory;

/// <summary>One resource's configuration history; see <see cref="IConfigHistoryGrain"/>.</summary>
public sealed class ConfigHistoryGrain(
    [PersistentState("confighistory", GrainStorage.Name)] IPersistentState<ConfigHistoryState> state) : Grain, IConfigHistoryGrain
{
    /// <inheritdoc />
    public async Task<ConfigurationItem> Record(ConfigurationChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var previous = state.State.Items.Count > 0 ? state.State.Items[^1] : null;
        var status = change.Configuration is null ? "ResourceDeleted" : previous is null || previous.Configuration is null ? "ResourceDiscovered" : "OK";
        var item = new ConfigurationItem(change.ResourceType, change.ResourceId, change.CaptureTime, status, state.State.LastStateId + 1,
            change.Configuration, previous?.Configuration, change.EventName, change.EventId);
        state.State.LastStateId = item.StateId;
        state.State.Items.Add(item);
        if (state.State.Items.Count > IConfigHistoryGrain.MaxItems)
        {
            state.State.Items.RemoveRange(0, state.State.Items.Count - IConfigHistoryGrain.MaxItems);
        }
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IConfigInventoryGrain>(IConfigInventoryGrain.Key).Put(item);
        return item;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ConfigurationItem>> History(DateTimeOffset? earlier, DateTimeOffset? later)
    {
        IReadOnlyList<ConfigurationItem> items = state.State.Items
            .Where(i => (earlier is null || i.CaptureTime >= earlier) && (later is null || i.CaptureTime <= later))
            .Reverse()
            .ToList();
        return Task.FromResult(items);
    }
}
