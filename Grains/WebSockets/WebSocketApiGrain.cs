using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Interfaces.WebSockets;

namespace OrleansGateway.Grains.WebSockets;

/// <summary>
/// The authority for one WebSocket API. Every mutation is written before it is announced, so an
/// edge that pulls after a push sees the state the push describes. Only deployments and stages
/// change what edges serve; route and integration edits wait for the next deployment, as in AWS.
/// </summary>
public sealed class WebSocketApiGrain(
    [PersistentState("wsapi", GrainStorage.Name)] IPersistentState<WebSocketApiState> state) : Grain, IWebSocketApiGrain
{
    /// <summary>Bounds that keep one API's state (and every edge's copy of it) small.</summary>
    private const int MaxRoutes = 300, MaxIntegrations = 300, MaxDeployments = 100, MaxStages = 10, MaxAuthorizers = 10;

    private WebSocketApiState S => state.State;

    private string ApiId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<bool> Create(WebSocketApiInfo info)
    {
        if (S.Info is not null)
        {
            return false;
        }
        var version = S.ServingVersion;
        state.State = new WebSocketApiState { Info = info with { ApiId = ApiId }, ServingVersion = version };
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc />
    public Task<WebSocketApiInfo> Get() => Task.FromResult(RequireApi());

    /// <inheritdoc />
    public async Task Delete()
    {
        RequireApi();
        var version = S.ServingVersion + 1;
        state.State = new WebSocketApiState { ServingVersion = version };
        await state.WriteStateAsync();
        await Catalog.Remove(ApiId, version);
    }

    /// <inheritdoc />
    public async Task<WebSocketApiInfo> Update(WebSocketApiInfo info)
    {
        var current = RequireApi();
        var updated = info with { ApiId = ApiId, CreatedDate = current.CreatedDate };
        S.Info = updated;
        await state.WriteStateAsync();
        return updated;
    }

    /// <inheritdoc />
    public Task<WebSocketRoute> GetRoute(string routeId)
    {
        RequireApi();
        return Task.FromResult(RequireRoute(routeId));
    }

    /// <inheritdoc />
    public async Task<WebSocketRoute> UpdateRoute(WebSocketRoute route)
    {
        RequireApi();
        RequireRoute(route.RouteId);
        if (S.Routes.Values.Any(r => r.RouteKey == route.RouteKey && r.RouteId != route.RouteId))
        {
            throw ManagementException.Conflict($"Route with key {route.RouteKey} already exists for this API");
        }
        EnsureReferencesExist(route);
        S.Routes[route.RouteId] = route;
        await state.WriteStateAsync();
        return route;
    }

    /// <inheritdoc />
    public Task<WebSocketIntegration> GetIntegration(string integrationId)
    {
        RequireApi();
        return Task.FromResult(RequireIntegration(integrationId));
    }

    /// <inheritdoc />
    public async Task<WebSocketIntegration> UpdateIntegration(WebSocketIntegration integration)
    {
        RequireApi();
        RequireIntegration(integration.IntegrationId);
        S.Integrations[integration.IntegrationId] = integration;
        await state.WriteStateAsync();
        return integration;
    }

    /// <inheritdoc />
    public async Task DeleteIntegration(string integrationId)
    {
        RequireApi();
        RequireIntegration(integrationId);
        if (S.Routes.Values.FirstOrDefault(r => r.IntegrationId == integrationId) is { } user)
        {
            throw ManagementException.Conflict($"Integration {integrationId} is the target of route {user.RouteId}; change or delete the route first.");
        }
        S.Integrations.Remove(integrationId);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task DeleteRouteResponse(string routeId, string routeResponseId)
    {
        RequireApi();
        RequireRoute(routeId);
        if (!S.RouteResponses.TryGetValue(routeResponseId, out var response) || response.RouteId != routeId)
        {
            throw ManagementException.NotFound($"Invalid RouteResponse identifier specified {routeResponseId}");
        }
        S.RouteResponses.Remove(routeResponseId);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<AuthorizerDefinition> GetAuthorizer(string authorizerId)
    {
        RequireApi();
        return Task.FromResult(RequireAuthorizer(authorizerId));
    }

    /// <inheritdoc />
    public async Task<AuthorizerDefinition> UpdateAuthorizer(AuthorizerDefinition authorizer)
    {
        RequireApi();
        RequireAuthorizer(authorizer.Id);
        S.Authorizers[authorizer.Id] = authorizer;
        await state.WriteStateAsync();
        return authorizer;
    }

    /// <inheritdoc />
    public async Task DeleteAuthorizer(string authorizerId)
    {
        RequireApi();
        RequireAuthorizer(authorizerId);
        if (S.Routes.Values.FirstOrDefault(r => r.AuthorizerId == authorizerId) is { } user)
        {
            throw ManagementException.Conflict($"Authorizer {authorizerId} is used by route {user.RouteId}; change or delete the route first.");
        }
        S.Authorizers.Remove(authorizerId);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<WebSocketRoute> CreateRoute(WebSocketRoute route)
    {
        RequireApi();
        if (S.Routes.Values.Any(r => r.RouteKey == route.RouteKey))
        {
            throw ManagementException.Conflict($"Route with key {route.RouteKey} already exists for this API");
        }
        if (S.Routes.Count >= MaxRoutes)
        {
            throw new ManagementException(ManagementErrorType.LimitExceeded, $"An API can have at most {MaxRoutes} routes");
        }
        EnsureReferencesExist(route);
        var created = route with { RouteId = NewId() };
        S.Routes[created.RouteId] = created;
        await state.WriteStateAsync();
        return created;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebSocketRoute>> GetRoutes()
    {
        RequireApi();
        IReadOnlyList<WebSocketRoute> routes = S.Routes.Values.OrderBy(r => r.RouteKey, StringComparer.Ordinal).ToList();
        return Task.FromResult(routes);
    }

    /// <inheritdoc />
    public async Task DeleteRoute(string routeId)
    {
        RequireApi();
        if (!S.Routes.Remove(routeId))
        {
            throw ManagementException.NotFound($"Invalid Route identifier specified {routeId}");
        }
        foreach (var response in S.RouteResponses.Values.Where(r => r.RouteId == routeId).ToList())
        {
            S.RouteResponses.Remove(response.RouteResponseId);
        }
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<WebSocketIntegration> CreateIntegration(WebSocketIntegration integration)
    {
        RequireApi();
        if (S.Integrations.Count >= MaxIntegrations)
        {
            throw new ManagementException(ManagementErrorType.LimitExceeded, $"An API can have at most {MaxIntegrations} integrations");
        }
        var created = integration with { IntegrationId = NewId() };
        S.Integrations[created.IntegrationId] = created;
        await state.WriteStateAsync();
        return created;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebSocketIntegration>> GetIntegrations()
    {
        RequireApi();
        IReadOnlyList<WebSocketIntegration> integrations = S.Integrations.Values.OrderBy(i => i.IntegrationId, StringComparer.Ordinal).ToList();
        return Task.FromResult(integrations);
    }

    /// <inheritdoc />
    public async Task<AuthorizerDefinition> CreateAuthorizer(AuthorizerDefinition authorizer)
    {
        RequireApi();
        if (S.Authorizers.Count >= MaxAuthorizers)
        {
            throw new ManagementException(ManagementErrorType.LimitExceeded, $"An API can have at most {MaxAuthorizers} authorizers");
        }
        var created = authorizer with { Id = NewId() };
        S.Authorizers[created.Id] = created;
        await state.WriteStateAsync();
        return created;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuthorizerDefinition>> GetAuthorizers()
    {
        RequireApi();
        IReadOnlyList<AuthorizerDefinition> authorizers = S.Authorizers.Values.OrderBy(a => a.Name, StringComparer.Ordinal).ToList();
        return Task.FromResult(authorizers);
    }

    /// <inheritdoc />
    public async Task<WebSocketRouteResponse> CreateRouteResponse(WebSocketRouteResponse routeResponse)
    {
        RequireApi();
        RequireRoute(routeResponse.RouteId);
        if (S.RouteResponses.Values.Any(r => r.RouteId == routeResponse.RouteId && r.RouteResponseKey == routeResponse.RouteResponseKey))
        {
            throw ManagementException.Conflict($"Route response with key {routeResponse.RouteResponseKey} already exists for this route");
        }
        var created = routeResponse with { RouteResponseId = NewId() };
        S.RouteResponses[created.RouteResponseId] = created;
        await state.WriteStateAsync();
        return created;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebSocketRouteResponse>> GetRouteResponses(string routeId)
    {
        RequireApi();
        RequireRoute(routeId);
        IReadOnlyList<WebSocketRouteResponse> responses = S.RouteResponses.Values.Where(r => r.RouteId == routeId).ToList();
        return Task.FromResult(responses);
    }

    /// <inheritdoc />
    public async Task<WebSocketDeployment> CreateDeployment(string? description, string? stageName, DateTimeOffset now)
    {
        var info = RequireApi();
        if (S.Routes.Count == 0)
        {
            throw ManagementException.BadRequest("At least one route is required before deploying the Api.");
        }
        if (S.Deployments.Count >= MaxDeployments)
        {
            throw new ManagementException(ManagementErrorType.LimitExceeded, $"An API can have at most {MaxDeployments} deployments");
        }
        WebSocketStage? stage = null;
        if (stageName is not null && !S.Stages.TryGetValue(stageName, out stage))
        {
            throw ManagementException.NotFound($"Invalid stage identifier specified {stageName}");
        }
        var snapshot = new WebSocketApiSnapshot(
            info.RouteSelectionExpression, info.ApiKeySelectionExpression,
            [.. S.Routes.Values], [.. S.Integrations.Values], [.. S.RouteResponses.Values], [.. S.Authorizers.Values]);
        var deployment = new WebSocketDeployment(NewId(), description, now, snapshot);
        S.Deployments[deployment.DeploymentId] = deployment;
        if (stage is not null)
        {
            S.Stages[stage.StageName] = stage with { DeploymentId = deployment.DeploymentId, LastUpdatedDate = now };
            await PublishAsync();
        }
        else
        {
            await state.WriteStateAsync();
        }
        return deployment;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebSocketDeployment>> GetDeployments()
    {
        RequireApi();
        IReadOnlyList<WebSocketDeployment> deployments = S.Deployments.Values.OrderByDescending(d => d.CreatedDate).ToList();
        return Task.FromResult(deployments);
    }

    /// <inheritdoc />
    public Task<WebSocketDeployment> GetDeployment(string deploymentId)
    {
        RequireApi();
        return S.Deployments.TryGetValue(deploymentId, out var deployment)
            ? Task.FromResult(deployment)
            : throw ManagementException.NotFound($"Invalid deployment identifier specified {deploymentId}");
    }

    /// <inheritdoc />
    public async Task DeleteDeployment(string deploymentId)
    {
        RequireApi();
        if (!S.Deployments.ContainsKey(deploymentId))
        {
            throw ManagementException.NotFound($"Invalid deployment identifier specified {deploymentId}");
        }
        if (S.Stages.Values.Any(stage => stage.DeploymentId == deploymentId))
        {
            throw ManagementException.BadRequest("Active stages pointing to this deployment must be moved or deleted");
        }
        S.Deployments.Remove(deploymentId);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<WebSocketStage> CreateStage(WebSocketStage stage)
    {
        RequireApi();
        if (S.Stages.ContainsKey(stage.StageName))
        {
            throw ManagementException.Conflict($"Stage already exist: {stage.StageName}");
        }
        if (S.Stages.Count >= MaxStages)
        {
            throw new ManagementException(ManagementErrorType.LimitExceeded, $"An API can have at most {MaxStages} stages");
        }
        if (stage.DeploymentId is { } deploymentId && !S.Deployments.ContainsKey(deploymentId))
        {
            throw ManagementException.NotFound($"Invalid deployment identifier specified {deploymentId}");
        }
        S.Stages[stage.StageName] = stage;
        if (stage.DeploymentId is not null)
        {
            await PublishAsync();
        }
        else
        {
            await state.WriteStateAsync();
        }
        return stage;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<WebSocketStage>> GetStages()
    {
        RequireApi();
        IReadOnlyList<WebSocketStage> stages = S.Stages.Values.OrderBy(s => s.StageName, StringComparer.Ordinal).ToList();
        return Task.FromResult(stages);
    }

    /// <inheritdoc />
    public Task<WebSocketStage> GetStage(string stageName)
    {
        RequireApi();
        return S.Stages.TryGetValue(stageName, out var stage)
            ? Task.FromResult(stage)
            : throw ManagementException.NotFound($"Invalid stage identifier specified {stageName}");
    }

    /// <inheritdoc />
    public async Task<WebSocketStage> UpdateStage(WebSocketStage stage)
    {
        RequireApi();
        if (!S.Stages.TryGetValue(stage.StageName, out var current))
        {
            throw ManagementException.NotFound($"Invalid stage identifier specified {stage.StageName}");
        }
        if (stage.DeploymentId is { } deploymentId && !S.Deployments.ContainsKey(deploymentId))
        {
            throw ManagementException.NotFound($"Invalid deployment identifier specified {deploymentId}");
        }
        var updated = stage with { CreatedDate = current.CreatedDate };
        S.Stages[stage.StageName] = updated;
        if (current.DeploymentId is not null || updated.DeploymentId is not null)
        {
            await PublishAsync();
        }
        else
        {
            await state.WriteStateAsync();
        }
        return updated;
    }

    /// <inheritdoc />
    public async Task DeleteStage(string stageName)
    {
        RequireApi();
        if (!S.Stages.Remove(stageName, out var removed))
        {
            throw ManagementException.NotFound($"Invalid stage identifier specified {stageName}");
        }
        if (removed.DeploymentId is not null)
        {
            await PublishAsync();
        }
        else
        {
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<WebSocketServingConfig> GetServingConfig()
    {
        var stages = new Dictionary<string, WebSocketApiSnapshot>(StringComparer.Ordinal);
        var settings = new Dictionary<string, WebSocketStage>(StringComparer.Ordinal);
        foreach (var stage in S.Stages.Values)
        {
            if (stage.DeploymentId is { } id && S.Deployments.TryGetValue(id, out var deployment))
            {
                stages[stage.StageName] = deployment.Snapshot;
                settings[stage.StageName] = stage;
            }
        }
        return Task.FromResult(new WebSocketServingConfig(ApiId, S.ServingVersion, stages, settings));
    }

    private IWebSocketCatalogGrain Catalog => GrainFactory.GetGrain<IWebSocketCatalogGrain>(IWebSocketCatalogGrain.Key);

    /// <summary>Writes, then pushes: an edge that pulls on the push must read the new state.</summary>
    private async Task PublishAsync()
    {
        S.ServingVersion++;
        await state.WriteStateAsync();
        await Catalog.Publish(ApiId, S.ServingVersion);
    }

    private WebSocketApiInfo RequireApi() =>
        S.Info ?? throw ManagementException.NotFound($"Invalid API identifier specified {ApiId}");

    private void EnsureReferencesExist(WebSocketRoute route)
    {
        if (route.AuthorizerId is { } authorizerId && !S.Authorizers.ContainsKey(authorizerId))
        {
            throw ManagementException.BadRequest($"Invalid authorizer identifier specified {authorizerId}");
        }
        if (route.IntegrationId is { } integrationId && !S.Integrations.ContainsKey(integrationId))
        {
            throw ManagementException.BadRequest($"Invalid target {route.Target}: integration {integrationId} does not exist");
        }
    }

    private WebSocketIntegration RequireIntegration(string integrationId) =>
        S.Integrations.TryGetValue(integrationId, out var integration)
            ? integration
            : throw ManagementException.NotFound($"Invalid Integration identifier specified {integrationId}");

    private AuthorizerDefinition RequireAuthorizer(string authorizerId) =>
        S.Authorizers.TryGetValue(authorizerId, out var authorizer)
            ? authorizer
            : throw ManagementException.NotFound($"Invalid Authorizer identifier specified {authorizerId}");

    private WebSocketRoute RequireRoute(string routeId) =>
        S.Routes.TryGetValue(routeId, out var route) ? route : throw ManagementException.NotFound($"Invalid Route identifier specified {routeId}");

    private static string NewId() => IdGenerator.Next(7);
}
