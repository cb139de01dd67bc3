using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Grains.WebSockets;

/// <summary>Assigns edges their slot numbers; persisted before the slot is returned, so no two edges ever share one.</summary>
public sealed class WebSocketEdgeSlotGrain(
    [PersistentState("wsslots", GrainStorage.Name)] IPersistentState<WebSocketEdgeSlotState> state) : Grain, IWebSocketEdgeSlotGrain
{
    /// <summary>Connection ids carry the slot in two bytes.</summary>
    private const int MaxSlot = ushort.MaxValue;

    /// <inheritdoc />
    public async Task<int> SlotOf(string edgeId)
    {
        if (state.State.Slots.TryGetValue(edgeId, out var slot))
        {
            return slot;
        }
        // Slots are never reused: an id minted by a dead edge must never reach a new one.
        // Edge ids include the process id, so each edge start takes a slot; 65,535 starts are the bound.
        if (state.State.LastSlot >= MaxSlot)
        {
            throw new InvalidOperationException("Every WebSocket edge slot has been used; clear the wsslots grain state.");
        }
        slot = ++state.State.LastSlot;
        state.State.Slots[edgeId] = slot;
        await state.WriteStateAsync();
        return slot;
    }
}
