using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>What a deployment freezes: the routes, integrations, route responses and authorizers of the API at that moment.</summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketApiSnapshot")]
public sealed record WebSocketApiSnapshot(
    [property: Id(0)] string RouteSelectionExpression,
    [property: Id(1)] string? ApiKeySelectionExpression,
    [property: Id(2)] IReadOnlyList<WebSocketRoute> Routes,
    [property: Id(3)] IReadOnlyList<WebSocketIntegration> Integrations,
    [property: Id(4)] IReadOnlyList<WebSocketRouteResponse> RouteResponses,
    [property: Id(5)] IReadOnlyList<AuthorizerDefinition>? Authorizers = null);
