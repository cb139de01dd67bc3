namespace OrleansGateway.Edge.Management.V2;

/// <summary>apigatewayv2's list shape: <c>{"items": [...], "nextToken": "..."}</c>.</summary>
internal sealed record V2ItemsResponse<T>(IReadOnlyList<T> Items, string? NextToken);

/// <summary>apigatewayv2's <c>Api</c>.</summary>
internal sealed record ApiResponse(
    string ApiId, string Name, string ProtocolType, string RouteSelectionExpression, string? ApiKeySelectionExpression,
    string ApiEndpoint, DateTimeOffset CreatedDate, string? Description, IReadOnlyDictionary<string, string> Tags, bool DisableExecuteApiEndpoint);

/// <summary>apigatewayv2's <c>Route</c>.</summary>
internal sealed record RouteResponse(
    string RouteId, string RouteKey, string? Target, string AuthorizationType, string? AuthorizerId, bool ApiKeyRequired,
    string? RouteResponseSelectionExpression, string? OperationName, bool ApiGatewayManaged);

/// <summary>apigatewayv2's <c>Integration</c>.</summary>
internal sealed record IntegrationResponse(
    string IntegrationId, string IntegrationType, string? IntegrationUri, string? IntegrationMethod, int TimeoutInMillis,
    string? Description, string ConnectionType, string PassthroughBehavior, string? TemplateSelectionExpression,
    IReadOnlyDictionary<string, string>? RequestTemplates, bool ApiGatewayManaged);

/// <summary>apigatewayv2's <c>RouteResponse</c>.</summary>
internal sealed record RouteResponseResponse(string RouteResponseId, string RouteResponseKey);

/// <summary>apigatewayv2's <c>Stage</c>.</summary>
internal sealed record StageResponse(
    string StageName, string? DeploymentId, string? Description, DateTimeOffset CreatedDate, DateTimeOffset LastUpdatedDate,
    IReadOnlyDictionary<string, string> StageVariables, bool ApiGatewayManaged, bool AutoDeploy,
    RouteSettingsBody? DefaultRouteSettings = null, IReadOnlyDictionary<string, RouteSettingsBody>? RouteSettings = null,
    AccessLogSettingsBody? AccessLogSettings = null);

/// <summary>apigatewayv2's <c>Deployment</c>.</summary>
internal sealed record DeploymentResponse(string DeploymentId, string DeploymentStatus, DateTimeOffset CreatedDate, string? Description, bool AutoDeployed);

/// <summary>apigatewayv2's <c>Authorizer</c>.</summary>
internal sealed record AuthorizerResponse(
    string AuthorizerId, string Name, string AuthorizerType, string? AuthorizerUri, IReadOnlyList<string> IdentitySource, int AuthorizerResultTtlInSeconds);
