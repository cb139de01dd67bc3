namespace OrleansGateway.Grains.WebSockets;

/// <summary>The persisted part of the WebSocket catalog: every API's serving version.</summary>
[GenerateSerializer, Alias("og.ws.WebSocketCatalogState")]
public sealed class WebSocketCatalogState
{
    /// <summary>API id → serving version.</summary>
    [Id(0)] public Dictionary<string, long> Versions { get; set; } = [];
}
