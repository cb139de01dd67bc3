namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>Connections an edge opened and closed since its last lease renewal (batched: no grain call per connection).</summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketConnectionChanges")]
public sealed record WebSocketConnectionChanges(
    [property: Id(0)] IReadOnlyList<WebSocketConnectionInfo> Opened,
    [property: Id(1)] IReadOnlyList<string> Closed,
    [property: Id(2)] bool Full);
