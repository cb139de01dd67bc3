using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Edge.WebSockets.AccessLogs;

/// <summary>What one WebSocket access-log line describes: a <c>$connect</c>, a message or a <c>$disconnect</c>.</summary>
/// <param name="Connection">The connection (id, API, stage, connectedAt, identity).</param>
/// <param name="EventType"><c>CONNECT</c>, <c>MESSAGE</c> or <c>DISCONNECT</c>.</param>
/// <param name="RouteKey">The route that handled it; null when none did.</param>
/// <param name="RequestId">The request id integrations and error frames carry.</param>
/// <param name="MessageId">MESSAGE only.</param>
/// <param name="Status">The outcome as an HTTP status: the upgrade's answer, 200 for a handled message, or the error frame's status.</param>
/// <param name="RequestTime">When it arrived.</param>
/// <param name="IntegrationLatencyMilliseconds">Time spent in the integration, when one was called.</param>
/// <param name="ErrorMessage">The error frame's or refusal's message.</param>
/// <param name="AuthorizerContextJson">The <c>$connect</c> authorizer's principal and context, if an authorizer ran.</param>
/// <param name="ApiKeyId">The id (never the value) of the API key the connection presented.</param>
internal sealed record WebSocketAccessLogEntry(
    WebSocketConnectionInfo Connection,
    string EventType,
    string? RouteKey,
    string RequestId,
    string? MessageId,
    int Status,
    DateTimeOffset RequestTime,
    long? IntegrationLatencyMilliseconds = null,
    string? ErrorMessage = null,
    string? AuthorizerContextJson = null,
    string? ApiKeyId = null);
