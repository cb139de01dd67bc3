namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>apigatewayv2's <c>AccessLogSettings</c>: where a stage's access log goes and the <c>$context</c> format of each line.</summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketAccessLogSettings")]
public sealed record WebSocketAccessLogSettings(
    [property: Id(0)] string? DestinationArn,
    [property: Id(1)] string? Format);
