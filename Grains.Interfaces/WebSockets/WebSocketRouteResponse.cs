namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>A route response: makes the route two-way, so the integration's answer goes back to the client.</summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketRouteResponse")]
public sealed record WebSocketRouteResponse(
    [property: Id(0)] string RouteResponseId,
    [property: Id(1)] string RouteId,
    [property: Id(2)] string RouteResponseKey);
