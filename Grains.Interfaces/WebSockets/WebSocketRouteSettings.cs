namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>
/// apigatewayv2's <c>RouteSettings</c> for a WebSocket stage (its <c>DefaultRouteSettings</c> or one
/// entry of <c>RouteSettings</c>). Unset throttling values fall back to the account's.
/// </summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketRouteSettings")]
public sealed record WebSocketRouteSettings(
    [property: Id(0)] int? ThrottlingBurstLimit,
    [property: Id(1)] double? ThrottlingRateLimit,
    [property: Id(2)] bool? DataTraceEnabled,
    [property: Id(3)] bool? DetailedMetricsEnabled,
    [property: Id(4)] string? LoggingLevel);
