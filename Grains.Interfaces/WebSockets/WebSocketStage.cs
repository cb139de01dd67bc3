namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>
/// A stage of a WebSocket API, as apigatewayv2's <c>Stage</c>: a name pointing at a deployment, with
/// settings that apply without a redeployment (route throttles, access logs).
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketStage")]
public sealed record WebSocketStage(
    [property: Id(0)] string StageName,
    [property: Id(1)] string? DeploymentId,
    [property: Id(2)] string? Description,
    [property: Id(3)] DateTimeOffset CreatedDate,
    [property: Id(4)] DateTimeOffset LastUpdatedDate,
    [property: Id(5)] IReadOnlyDictionary<string, string> StageVariables,
    [property: Id(6)] WebSocketRouteSettings? DefaultRouteSettings = null,
    [property: Id(7)] IReadOnlyDictionary<string, WebSocketRouteSettings>? RouteSettings = null,
    [property: Id(8)] WebSocketAccessLogSettings? AccessLogSettings = null);
