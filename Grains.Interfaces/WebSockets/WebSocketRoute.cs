namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>A route (<c>$connect</c>, <c>$disconnect</c>, <c>$default</c> or a custom key), as apigatewayv2's <c>Route</c>.</summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketRoute")]
public sealed record WebSocketRoute(
    [property: Id(0)] string RouteId,
    [property: Id(1)] string RouteKey,
    [property: Id(2)] string? Target,
    [property: Id(3)] string AuthorizationType,
    [property: Id(4)] string? AuthorizerId,
    [property: Id(5)] bool ApiKeyRequired,
    [property: Id(6)] string? RouteResponseSelectionExpression,
    [property: Id(7)] string? OperationName)
{
    /// <summary>The integration id named by <see cref="Target"/> (<c>integrations/{id}</c>), if any.</summary>
    public string? IntegrationId =>
        Target is { } target && target.StartsWith("integrations/", StringComparison.Ordinal) ? target["integrations/".Length..] : null;
}
