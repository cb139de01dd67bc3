using Orleans.Concurrency;

namespace OrleansGateway.Grains.Interfaces.WebSockets;

/// <summary>
/// The authority for one WebSocket API (key: the API id): its routes, integrations, route
/// responses, deployments and stages. Management calls land here; edges pull
/// <see cref="GetServingConfig"/> when the catalog pushes a new version.
/// Failures a caller must see are <see cref="Management.ManagementException"/>s.
/// </summary>
[Alias("og.ws.IWebSocketApiGrain")]
public interface IWebSocketApiGrain : IGrainWithStringKey
{
    /// <summary>Creates the API; false when the id is already taken (the caller draws another).</summary>
    [Alias("Create")]
    Task<bool> Create(WebSocketApiInfo info);

    /// <summary>The API, or 404.</summary>
    [Alias("Get")]
    Task<WebSocketApiInfo> Get();

    /// <summary>Replaces the API's settings (name, selection expressions, description); 404 when unknown. Served only after the next deployment.</summary>
    [Alias("Update")]
    Task<WebSocketApiInfo> Update(WebSocketApiInfo info);

    /// <summary>A route, or 404.</summary>
    [Alias("GetRoute")]
    Task<WebSocketRoute> GetRoute(string routeId);

    /// <summary>Replaces a route (404 when unknown, 409 when its new key is taken).</summary>
    [Alias("UpdateRoute")]
    Task<WebSocketRoute> UpdateRoute(WebSocketRoute route);

    /// <summary>An integration, or 404.</summary>
    [Alias("GetIntegration")]
    Task<WebSocketIntegration> GetIntegration(string integrationId);

    /// <summary>Replaces an integration, or 404.</summary>
    [Alias("UpdateIntegration")]
    Task<WebSocketIntegration> UpdateIntegration(WebSocketIntegration integration);

    /// <summary>Deletes an integration no route targets (409 while one does), or 404.</summary>
    [Alias("DeleteIntegration")]
    Task DeleteIntegration(string integrationId);

    /// <summary>Deletes a route response, or 404.</summary>
    [Alias("DeleteRouteResponse")]
    Task DeleteRouteResponse(string routeId, string routeResponseId);

    /// <summary>An authorizer, or 404.</summary>
    [Alias("GetAuthorizer")]
    Task<Definitions.AuthorizerDefinition> GetAuthorizer(string authorizerId);

    /// <summary>Replaces an authorizer, or 404.</summary>
    [Alias("UpdateAuthorizer")]
    Task<Definitions.AuthorizerDefinition> UpdateAuthorizer(Definitions.AuthorizerDefinition authorizer);

    /// <summary>Deletes an authorizer no route uses (409 while one does), or 404.</summary>
    [Alias("DeleteAuthorizer")]
    Task DeleteAuthorizer(string authorizerId);

    /// <summary>Deletes the API and stops it being served, or 404.</summary>
    [Alias("Delete")]
    Task Delete();

    /// <summary>Adds a route (its id is assigned here); 409 when the route key exists.</summary>
    [Alias("CreateRoute")]
    Task<WebSocketRoute> CreateRoute(WebSocketRoute route);

    /// <summary>Every route, by route key.</summary>
    [Alias("GetRoutes")]
    Task<IReadOnlyList<WebSocketRoute>> GetRoutes();

    /// <summary>Deletes a route and its route responses, or 404.</summary>
    [Alias("DeleteRoute")]
    Task DeleteRoute(string routeId);

    /// <summary>Adds an integration (its id is assigned here).</summary>
    [Alias("CreateIntegration")]
    Task<WebSocketIntegration> CreateIntegration(WebSocketIntegration integration);

    /// <summary>Every integration.</summary>
    [Alias("GetIntegrations")]
    Task<IReadOnlyList<WebSocketIntegration>> GetIntegrations();

    /// <summary>Adds a REQUEST authorizer for <c>$connect</c> (its id is assigned here); the REST authorizer record is reused.</summary>
    [Alias("CreateAuthorizer")]
    Task<Definitions.AuthorizerDefinition> CreateAuthorizer(Definitions.AuthorizerDefinition authorizer);

    /// <summary>Every authorizer.</summary>
    [Alias("GetAuthorizers")]
    Task<IReadOnlyList<Definitions.AuthorizerDefinition>> GetAuthorizers();

    /// <summary>Adds a route response to a route (404 when the route is unknown).</summary>
    [Alias("CreateRouteResponse")]
    Task<WebSocketRouteResponse> CreateRouteResponse(WebSocketRouteResponse routeResponse);

    /// <summary>A route's route responses, or 404 when the route is unknown.</summary>
    [Alias("GetRouteResponses")]
    Task<IReadOnlyList<WebSocketRouteResponse>> GetRouteResponses(string routeId);

    /// <summary>Freezes the current routes into a deployment; with a stage name, points that stage at it.</summary>
    [Alias("CreateDeployment")]
    Task<WebSocketDeployment> CreateDeployment(string? description, string? stageName, DateTimeOffset now);

    /// <summary>Every deployment, newest first.</summary>
    [Alias("GetDeployments")]
    Task<IReadOnlyList<WebSocketDeployment>> GetDeployments();

    /// <summary>A deployment, or 404.</summary>
    [Alias("GetDeployment")]
    Task<WebSocketDeployment> GetDeployment(string deploymentId);

    /// <summary>Deletes a deployment no stage points at (400 while one does), or 404.</summary>
    [Alias("DeleteDeployment")]
    Task DeleteDeployment(string deploymentId);

    /// <summary>Creates a stage (409 when it exists, 404 when its deployment is unknown).</summary>
    [Alias("CreateStage")]
    Task<WebSocketStage> CreateStage(WebSocketStage stage);

    /// <summary>Every stage.</summary>
    [Alias("GetStages")]
    Task<IReadOnlyList<WebSocketStage>> GetStages();

    /// <summary>A stage, or 404.</summary>
    [Alias("GetStage")]
    Task<WebSocketStage> GetStage(string stageName);

    /// <summary>Replaces a stage's settings (404 when the stage or its new deployment is unknown); served stages apply them without a redeployment.</summary>
    [Alias("UpdateStage")]
    Task<WebSocketStage> UpdateStage(WebSocketStage stage);

    /// <summary>Deletes a stage (edges stop serving it), or 404.</summary>
    [Alias("DeleteStage")]
    Task DeleteStage(string stageName);

    /// <summary>What edges serve; an unknown or deleted API serves no stage.</summary>
    [Alias("GetServingConfig"), ReadOnly]
    Task<WebSocketServingConfig> GetServingConfig();
}
