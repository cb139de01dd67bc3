namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>A WebSocket API's top-level settings, as apigatewayv2's <c>Api</c>.</summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketApiInfo")]
public sealed record WebSocketApiInfo(
    [property: Id(0)] string ApiId,
    [property: Id(1)] string Name,
    [property: Id(2)] string RouteSelectionExpression,
    [property: Id(3)] string? ApiKeySelectionExpression,
    [property: Id(4)] string? Description,
    [property: Id(5)] DateTimeOffset CreatedDate,
    [property: Id(6)] IReadOnlyDictionary<string, string> Tags);
