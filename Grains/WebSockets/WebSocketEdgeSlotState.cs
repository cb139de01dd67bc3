namespace OrleansGateway.Grains.WebSockets;

/// <summary>The persisted edge-slot directory.</summary>
[GenerateSerializer, Alias("og.ws.WebSocketEdgeSlotState")]
public sealed class WebSocketEdgeSlotState
{
    /// <summary>Edge id → slot.</summary>
    [Id(0)] public Dictionary<string, int> Slots { get; set; } = [];

    /// <summary>The last slot handed out.</summary>
    [Id(1)] public int LastSlot { get; set; }
}
