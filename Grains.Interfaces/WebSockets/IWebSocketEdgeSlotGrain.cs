namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>
/// Hands each edge a small, stable number (key <see cref="Key"/>), so a connection id can name its
/// owning edge in two bytes. Persisted: a slot never moves to another edge while ids carrying it live.
/// </summary>
[Alias("og.ws.IWebSocketEdgeSlotGrain")]
public interface IWebSocketEdgeSlotGrain : IGrainWithStringKey
{
    /// <summary>The directory's only key.</summary>
    const string Key = "ws-edge-slots";

    /// <summary>The slot of <paramref name="edgeId"/>, assigned on first call.</summary>
    [Alias("SlotOf")]
    Task<int> SlotOf(string edgeId);
}
