namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>What a deployment freezes: the routes, integrations and route responses of the API at that moment.</summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketApiSnapshot")]
public sealed record WebSocketApiSnapshot(
    [property: Id(0)] string RouteSelectionExpression,
    [property: Id(1)] string? ApiKeySelectionExpression,
    [property: Id(2)] IReadOnlyList<WebSocketRoute> Routes,
    [property: Id(3)] IReadOnlyList<WebSocketIntegration> Integrations,
    [property: Id(4)] IReadOnlyList<WebSocketRouteResponse> RouteResponses);
