namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>
/// One customised gateway response, as API Gateway's <c>GatewayResponse</c> and one entry of
/// <c>x-amazon-apigateway-gateway-responses</c>. Stored in the working definition's root extension
/// (<see cref="GatewayResponseExtension"/>), so import, export and deployments carry it unchanged.
/// </summary>
/// <param name="ResponseType">The AWS type name, e.g. <c>MISSING_AUTHENTICATION_TOKEN</c> or <c>DEFAULT_4XX</c>.</param>
/// <param name="StatusCode">The status sent instead of the default; null keeps the default.</param>
/// <param name="ResponseParameters"><c>gatewayresponse.header.X</c> → <c>'static'</c>, <c>method.request.header.Y</c>, <c>stageVariables.z</c>, <c>context.w</c>.</param>
/// <param name="ResponseTemplates">Content type → body template (simple <c>$context</c>/<c>$stageVariables</c> substitution, not VTL).</param>
[GenerateSerializer, Immutable, Alias("og.GatewayResponseDefinition")]
public sealed record GatewayResponseDefinition(
    [property: Id(0)] string ResponseType,
    [property: Id(1)] string? StatusCode,
    [property: Id(2)] IReadOnlyDictionary<string, string> ResponseParameters,
    [property: Id(3)] IReadOnlyDictionary<string, string> ResponseTemplates);
