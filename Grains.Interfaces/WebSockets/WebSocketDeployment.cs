namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>A deployment of a WebSocket API, as apigatewayv2's <c>Deployment</c>, with the snapshot it serves.</summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketDeployment")]
public sealed record WebSocketDeployment(
    [property: Id(0)] string DeploymentId,
    [property: Id(1)] string? Description,
    [property: Id(2)] DateTimeOffset CreatedDate,
    [property: Id(3)] WebSocketApiSnapshot Snapshot);
