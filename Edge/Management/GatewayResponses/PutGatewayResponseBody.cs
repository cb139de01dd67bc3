namespace OrleansGateway.Edge.Management.GatewayResponses;

/// <summary>PutGatewayResponse's body.</summary>
internal sealed record PutGatewayResponseBody(
    string? StatusCode,
    Dictionary<string, string>? ResponseParameters,
    Dictionary<string, string>? ResponseTemplates);
