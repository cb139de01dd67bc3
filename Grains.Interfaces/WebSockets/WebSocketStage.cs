namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>A stage of a WebSocket API, as apigatewayv2's <c>Stage</c>: a name pointing at a deployment.</summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketStage")]
public sealed record WebSocketStage(
    [property: Id(0)] string StageName,
    [property: Id(1)] string? DeploymentId,
    [property: Id(2)] string? Description,
    [property: Id(3)] DateTimeOffset CreatedDate,
    [property: Id(4)] DateTimeOffset LastUpdatedDate,
    [property: Id(5)] IReadOnlyDictionary<string, string> StageVariables);
