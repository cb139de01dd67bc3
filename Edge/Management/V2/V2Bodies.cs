namespace OrleansGateway.Edge.Management.V2;

/// <summary>CreateApi's body (apigatewayv2 member names).</summary>
internal sealed record CreateApiBody(
    string? Name, string? ProtocolType, string? RouteSelectionExpression, string? ApiKeySelectionExpression,
    string? Description, Dictionary<string, string>? Tags);

/// <summary>CreateRoute's body.</summary>
internal sealed record CreateRouteBody(
    string? RouteKey, string? Target, string? AuthorizationType, string? AuthorizerId, bool? ApiKeyRequired,
    string? RouteResponseSelectionExpression, string? OperationName);

/// <summary>CreateIntegration's body.</summary>
internal sealed record CreateIntegrationBody(
    string? IntegrationType, string? IntegrationUri, string? IntegrationMethod, int? TimeoutInMillis, string? Description,
    string? TemplateSelectionExpression, Dictionary<string, string>? RequestTemplates, string? ConnectionType, string? PassthroughBehavior);

/// <summary>CreateRouteResponse's body.</summary>
internal sealed record CreateRouteResponseBody(string? RouteResponseKey);

/// <summary>CreateStage's body.</summary>
internal sealed record CreateStageBody(
    string? StageName, string? DeploymentId, string? Description, Dictionary<string, string>? StageVariables,
    RouteSettingsBody? DefaultRouteSettings = null, Dictionary<string, RouteSettingsBody>? RouteSettings = null,
    AccessLogSettingsBody? AccessLogSettings = null, bool? AutoDeploy = null);

/// <summary>UpdateStage's body: members present replace the stage's (route settings merge per route key).</summary>
internal sealed record UpdateStageBody(
    string? DeploymentId, string? Description, Dictionary<string, string>? StageVariables,
    RouteSettingsBody? DefaultRouteSettings, Dictionary<string, RouteSettingsBody>? RouteSettings,
    AccessLogSettingsBody? AccessLogSettings, bool? AutoDeploy = null);

/// <summary>apigatewayv2's <c>RouteSettings</c>.</summary>
internal sealed record RouteSettingsBody(
    int? ThrottlingBurstLimit, double? ThrottlingRateLimit, bool? DataTraceEnabled, bool? DetailedMetricsEnabled, string? LoggingLevel);

/// <summary>apigatewayv2's <c>AccessLogSettings</c>.</summary>
internal sealed record AccessLogSettingsBody(string? DestinationArn, string? Format);

/// <summary>CreateDeployment's body.</summary>
internal sealed record CreateDeploymentBody(string? Description, string? StageName);

/// <summary>CreateAuthorizer's body.</summary>
internal sealed record CreateAuthorizerBody(
    string? Name, string? AuthorizerType, string? AuthorizerUri, List<string>? IdentitySource, int? AuthorizerResultTtlInSeconds, string? AuthorizerCredentialsArn);
