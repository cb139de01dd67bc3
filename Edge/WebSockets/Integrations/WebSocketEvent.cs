using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets.Integrations;

/// <summary>One integration call: the route, the event and what the backend is told about it.</summary>
internal sealed record WebSocketEvent(
    WebSocketConnectionInfo Connection,
    string RouteKey,
    string EventType,
    string RequestId,
    string? MessageId,
    ReadOnlyMemory<byte> Body,
    string? AuthorizerContextJson,
    IHeaderDictionary? Headers = null,
    IQueryCollection? Query = null,
    int? DisconnectStatusCode = null,
    string? DisconnectReason = null);
