namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>A route's backend (HTTP, HTTP_PROXY or MOCK), as apigatewayv2's <c>Integration</c>.</summary>
[GenerateSerializer, Immutable, Alias("og.ws.WebSocketIntegration")]
public sealed record WebSocketIntegration(
    [property: Id(0)] string IntegrationId,
    [property: Id(1)] string IntegrationType,
    [property: Id(2)] string? IntegrationUri,
    [property: Id(3)] string? IntegrationMethod,
    [property: Id(4)] int TimeoutInMillis,
    [property: Id(5)] string? Description,
    [property: Id(6)] string? TemplateSelectionExpression,
    [property: Id(7)] IReadOnlyDictionary<string, string> RequestTemplates);
