namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>
/// What an edge needs to serve a WebSocket API: every stage that points at a deployment, with that
/// deployment's snapshot, and the stages' own settings (<see cref="StageSettings"/>, by stage name).
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketServingConfig")]
public sealed record WebSocketServingConfig(
    [property: Id(0)] string ApiId,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyDictionary<string, WebSocketApiSnapshot> Stages,
    [property: Id(3)] IReadOnlyDictionary<string, WebSocketStage>? StageSettings = null);
