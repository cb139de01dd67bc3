using Microsoft.Extensions.Logging;
using OrleansGateway.Grains.Authorizers;
using OrleansGateway.Grains.Deployments;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Patching;

namespace OrleansGateway.Grains.Definitions;

/// <summary>
/// The authority for one REST API. Every mutation is written to storage before it is announced,
/// so an edge that pulls after a push always sees the state the push describes.
/// </summary>
public sealed partial class RestApiGrain(
    [PersistentState("restapi", GrainStorage.Name)] IPersistentState<RestApiState> state,
    TimeProvider clock,
    ILogger<RestApiGrain> logger) : Grain, IRestApiGrain
{
    private RestApiState S => state.State;

    private string ApiId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<RestApiInfo> Create(RestApiInfo info, ApiDefinition definition)
    {
        if (S.Info is not null)
        {
            throw ManagementException.Conflict($"REST API {ApiId} already exists.");
        }
        S.Info = info with { Id = ApiId };
        S.Definition = definition;
        S.Deployments.Clear();
        S.Stages.Clear();
        await PublishAsync();
        Log.Created(logger, ApiId);
        return S.Info;
    }

    /// <inheritdoc />
    public Task<RestApiInfo> Get() => Task.FromResult(RequireApi());

    /// <inheritdoc />
    public Task<RestApiInfo?> TryGet() => Task.FromResult(S.Info);

    /// <inheritdoc />
    public async Task<RestApiInfo> Update(IReadOnlyList<PatchOperation> operations)
    {
        var current = RequireApi();
        var updated = RestApiPatcher.Apply(current, operations) with { Id = ApiId };
        S.Info = updated;
        if (updated.ApiKeySource != current.ApiKeySource)
        {
            // The key source is the one API setting the data plane reads live, not through a deployment.
            await PublishAsync();
        }
        else
        {
            // Other API settings reach edges only through deployments, so this write needs no push.
            await state.WriteStateAsync();
        }
        return updated;
    }

    /// <inheritdoc />
    public async Task<RestApiInfo> PutDefinition(ApiDefinition definition, bool merge, ImportedApiSettings settings, IReadOnlyList<string> warnings)
    {
        var current = RequireApi();
        S.Definition = merge ? ApiDefinitionMerge.Merge(S.Definition, definition) : definition;
        S.Info = settings.OverlayOn(current, merge, warnings);
        await state.WriteStateAsync();
        return S.Info;
    }

    /// <inheritdoc />
    public Task<ApiDefinition> GetDefinition()
    {
        RequireApi();
        return Task.FromResult(S.Definition);
    }

    /// <inheritdoc />
    public async Task<AuthorizerDefinition> CreateAuthorizer(AuthorizerDefinition authorizer)
    {
        RequireApi();
        var authorizers = S.Definition.Authorizers;
        if (authorizers.Count >= AuthorizerRules.MaxAuthorizersPerApi)
        {
            throw new ManagementException(ManagementErrorType.LimitExceeded,
                $"Maximum number of authorizers for this API has been reached: {AuthorizerRules.MaxAuthorizersPerApi}");
        }
        var created = AuthorizerRules.Validate(authorizer with { Id = NewAuthorizerId(authorizers) });
        EnsureAuthorizerNameFree(authorizers, created.Name, created.Id);
        // Working definition only: as in API Gateway, the change is served from the next deployment.
        S.Definition = S.Definition with { Authorizers = [.. authorizers, created] };
        await state.WriteStateAsync();
        Log.AuthorizerCreated(logger, created.Id, created.Type, ApiId);
        return created;
    }

    /// <inheritdoc />
    public async Task<AuthorizerDefinition> UpdateAuthorizer(string authorizerId, IReadOnlyList<PatchOperation> operations)
    {
        var current = RequireAuthorizer(authorizerId);
        var updated = AuthorizerPatcher.Apply(current, operations) with { Id = current.Id };
        EnsureAuthorizerNameFree(S.Definition.Authorizers, updated.Name, updated.Id);
        var definition = S.Definition with
        {
            Authorizers = S.Definition.Authorizers.Select(a => a.Id == current.Id ? updated : a).ToList(),
        };
        if (updated.Name != current.Name)
        {
            // Imported methods name their authorizer by scheme name; keep them pointing at it by id.
            definition = AuthorizerReferences.Rename(definition, current.Name, current.Id);
        }
        S.Definition = definition;
        await state.WriteStateAsync();
        return updated;
    }

    /// <inheritdoc />
    public async Task DeleteAuthorizer(string authorizerId)
    {
        var authorizer = RequireAuthorizer(authorizerId);
        if (AuthorizerReferences.FirstUser(S.Definition, authorizer) is { } user)
        {
            throw ManagementException.Conflict($"Cannot delete authorizer '{authorizer.Name}', is referenced in method: {user}");
        }
        S.Definition = S.Definition with { Authorizers = S.Definition.Authorizers.Where(a => a.Id != authorizer.Id).ToList() };
        await state.WriteStateAsync();
        Log.AuthorizerDeleted(logger, authorizer.Id, ApiId);
    }

    /// <inheritdoc />
    public async Task<GatewayResponseDefinition> PutGatewayResponse(GatewayResponseDefinition response)
    {
        ArgumentNullException.ThrowIfNull(response);
        RequireApi();
        if (GatewayResponseExtension.Problem(response) is { } problem)
        {
            throw ManagementException.BadRequest(problem);
        }
        var responses = new Dictionary<string, GatewayResponseDefinition>(ReadGatewayResponses(), StringComparer.Ordinal)
        {
            [response.ResponseType] = response,
        };
        await WriteGatewayResponsesAsync(responses.Values);
        return response;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, GatewayResponseDefinition>> GetGatewayResponses()
    {
        RequireApi();
        return Task.FromResult(ReadGatewayResponses());
    }

    /// <inheritdoc />
    public async Task DeleteGatewayResponse(string responseType)
    {
        RequireApi();
        var responses = new Dictionary<string, GatewayResponseDefinition>(ReadGatewayResponses(), StringComparer.Ordinal);
        if (!responses.Remove(responseType))
        {
            throw ManagementException.NotFound("Invalid Gateway Response identifier specified");
        }
        await WriteGatewayResponsesAsync(responses.Values);
    }

    private IReadOnlyDictionary<string, GatewayResponseDefinition> ReadGatewayResponses()
    {
        try
        {
            return GatewayResponseExtension.Read(S.Definition);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            // Import validates the extension, so this is a definition stored before that check existed.
            throw ManagementException.BadRequest(e.Message);
        }
    }

    private async Task WriteGatewayResponsesAsync(IEnumerable<GatewayResponseDefinition> responses)
    {
        // Working definition only: as in API Gateway, the change is served from the next deployment.
        var extensions = new Dictionary<string, string>(S.Definition.Extensions, StringComparer.Ordinal);
        if (GatewayResponseExtension.Write(responses) is { } json)
        {
            extensions[GatewayResponseExtension.Name] = json;
        }
        else
        {
            extensions.Remove(GatewayResponseExtension.Name);
        }
        S.Definition = S.Definition with { Extensions = extensions };
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<MethodDefinition> UpdateMethod(string resourcePath, string httpMethod, IReadOnlyList<PatchOperation> operations)
    {
        RequireApi();
        var resource = S.Definition.Resources.FirstOrDefault(r => r.Path == resourcePath);
        if (resource is null || !resource.Methods.TryGetValue(httpMethod, out var method))
        {
            throw ManagementException.NotFound("Invalid Method identifier specified");
        }
        EnsureMethodReferencesExist(operations);
        var updated = MethodPatcher.Apply(method, operations, S.Definition.Authorizers);
        var methods = new Dictionary<string, MethodDefinition>(resource.Methods, StringComparer.Ordinal) { [httpMethod] = updated };
        var replacement = resource with { Methods = methods };
        S.Definition = WithBuiltInModelsNamedBy(operations, S.Definition with { Resources = S.Definition.Resources.Select(r => r.Path == resourcePath ? replacement : r).ToList() });
        await state.WriteStateAsync();
        return updated;
    }

    /// <inheritdoc />
    public async Task Delete()
    {
        RequireApi();
        S.Info = null;
        S.Definition = ApiDefinition.Empty;
        S.Deployments.Clear();
        S.Stages.Clear();
        S.ServingVersion++;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key).Remove(ApiId, S.ServingVersion);
        Log.Deleted(logger, ApiId);
    }

    /// <inheritdoc />
    public async Task<DeploymentSummary> CreateDeployment(CreateDeploymentRequest request)
    {
        var api = RequireApi();
        if (request.StageName is not null)
        {
            StageRules.ValidateStageName(request.StageName);
        }
        var variables = StageRules.ValidateVariables(request.Variables);

        if (string.IsNullOrEmpty(api.Policy)
            && api.EndpointConfiguration.Types.Contains("PRIVATE", StringComparer.OrdinalIgnoreCase))
        {
            throw ManagementException.BadRequest("Private REST API doesn't have a resource policy attached to it");
        }

        var now = clock.GetUtcNow();
        // The resource policy is frozen with the definition: a policy change takes effect on the next deployment.
        var deployment = new DeploymentSnapshot(NewDeploymentId(), request.Description, now, api, S.Definition with { Policy = api.Policy });
        S.Deployments[deployment.Id] = deployment;

        if (request.StageName is { } stageName)
        {
            // As in API Gateway: the stage is created if missing, otherwise repointed, and the
            // given variables are merged into its existing ones.
            S.Stages[stageName] = S.Stages.TryGetValue(stageName, out var existing)
                ? existing with
                {
                    DeploymentId = deployment.Id,
                    Variables = MergeVariables(existing.Variables, variables),
                    LastUpdatedDate = now,
                }
                : NewStage(stageName, deployment.Id, request.StageDescription, variables, now,
                    request.TracingEnabled ?? false, request.CacheClusterEnabled ?? false, request.CacheClusterSize, null, null);
            await PublishAsync();
        }
        else
        {
            await state.WriteStateAsync();
        }
        return Summarize(deployment);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeploymentSummary>> GetDeployments()
    {
        RequireApi();
        IReadOnlyList<DeploymentSummary> list = S.Deployments.Values
            .OrderByDescending(d => d.CreatedDate)
            .Select(Summarize)
            .ToList();
        return Task.FromResult(list);
    }

    /// <inheritdoc />
    public Task<DeploymentSummary> GetDeployment(string deploymentId) =>
        Task.FromResult(Summarize(RequireDeployment(deploymentId)));

    /// <inheritdoc />
    public async Task DeleteDeployment(string deploymentId)
    {
        RequireDeployment(deploymentId);
        if (S.Stages.Values.Any(s => s.DeploymentId == deploymentId))
        {
            throw ManagementException.BadRequest("Active stages pointing to this deployment must be moved or deleted");
        }
        S.Deployments.Remove(deploymentId);
        await state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task<StageRecord> CreateStage(CreateStageRequest request)
    {
        RequireApi();
        StageRules.ValidateStageName(request.StageName);
        if (S.Stages.ContainsKey(request.StageName))
        {
            throw ManagementException.Conflict("Stage already exists");
        }
        RequireDeployment(request.DeploymentId);
        var stage = NewStage(request.StageName, request.DeploymentId, request.Description,
            StageRules.ValidateVariables(request.Variables), clock.GetUtcNow(), request.TracingEnabled,
            request.CacheClusterEnabled, request.CacheClusterSize, request.Tags, request.DocumentationVersion);
        S.Stages[stage.StageName] = stage;
        await PublishAsync();
        return stage;
    }

    /// <inheritdoc />
    public Task<StageRecord> GetStage(string stageName) => Task.FromResult(RequireStage(stageName));

    /// <inheritdoc />
    public Task<IReadOnlyList<StageRecord>> GetStages(string? deploymentId)
    {
        RequireApi();
        IReadOnlyList<StageRecord> list = S.Stages.Values
            .Where(s => deploymentId is null || s.DeploymentId == deploymentId)
            .OrderBy(s => s.StageName, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(list);
    }

    /// <inheritdoc />
    public async Task<StageRecord> UpdateStage(string stageName, IReadOnlyList<PatchOperation> operations)
    {
        var stage = RequireStage(stageName);
        var updated = StagePatcher.Apply(stage, operations, S.Deployments.ContainsKey, clock.GetUtcNow())
            with { StageName = stageName };
        S.Stages[stageName] = updated;
        await PublishAsync();
        return updated;
    }

    /// <inheritdoc />
    public async Task DeleteStage(string stageName)
    {
        RequireStage(stageName);
        S.Stages.Remove(stageName);
        await PublishAsync();
    }

    /// <inheritdoc />
    public Task<DeploymentSnapshot> GetStageDeployment(string stageName) =>
        Task.FromResult(S.Deployments[RequireStage(stageName).DeploymentId]);

    /// <inheritdoc />
    public Task<ApiServingConfig> GetServingConfig()
    {
        var stages = S.Stages.Values.ToList();
        var deployments = stages.Select(s => s.DeploymentId).Distinct(StringComparer.Ordinal)
            .Select(id => S.Deployments[id])
            .ToList();
        return Task.FromResult(new ApiServingConfig(ApiId, S.ServingVersion, stages, deployments, S.Info?.ApiKeySource ?? "HEADER"));
    }

    /// <summary>Persists, then tells the catalog (and through it every edge) about the new serving version.</summary>
    private async Task PublishAsync()
    {
        S.ServingVersion++;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key).Publish(ApiId, S.ServingVersion);
    }

    private RestApiInfo RequireApi() =>
        S.Info ?? throw ManagementException.NotFound("Invalid API identifier specified");

    private AuthorizerDefinition RequireAuthorizer(string authorizerId)
    {
        RequireApi();
        return S.Definition.Authorizers.FirstOrDefault(a => a.Id == authorizerId)
            ?? throw ManagementException.NotFound("Invalid authorizer identifier specified");
    }

    private static void EnsureAuthorizerNameFree(IReadOnlyList<AuthorizerDefinition> authorizers, string name, string id)
    {
        // Methods may name an authorizer by name (as imports do), so names must stay unambiguous.
        if (authorizers.Any(a => a.Id != id && (a.Name == name || a.Id == name)))
        {
            throw ManagementException.Conflict($"Authorizer name already exists: {name}");
        }
    }

    private static string NewAuthorizerId(IReadOnlyList<AuthorizerDefinition> authorizers)
    {
        string id;
        do
        {
            id = IdGenerator.Next(6);
        }
        while (authorizers.Any(a => a.Id == id || a.Name == id));
        return id;
    }

    private DeploymentSnapshot RequireDeployment(string deploymentId)
    {
        RequireApi();
        return S.Deployments.TryGetValue(deploymentId, out var deployment)
            ? deployment
            : throw ManagementException.NotFound("Invalid Deployment identifier specified");
    }

    private StageRecord RequireStage(string stageName)
    {
        RequireApi();
        return S.Stages.TryGetValue(stageName, out var stage)
            ? stage
            : throw ManagementException.NotFound("Invalid Stage identifier specified");
    }

    private string NewDeploymentId()
    {
        string id;
        do
        {
            id = IdGenerator.Next(6);
        }
        while (S.Deployments.ContainsKey(id));
        return id;
    }

    private static DeploymentSummary Summarize(DeploymentSnapshot d) => new(d.Id, d.Description, d.CreatedDate);

    private static StageRecord NewStage(
        string name, string deploymentId, string? description, IReadOnlyDictionary<string, string> variables,
        DateTimeOffset now, bool tracing, bool cacheEnabled, string? cacheSize,
        IReadOnlyDictionary<string, string>? tags, string? documentationVersion) =>
        new(name, deploymentId, description, variables, now, now, tracing, cacheEnabled,
            cacheEnabled ? cacheSize ?? "0.5" : null, new Dictionary<string, MethodSetting>(), null,
            tags ?? new Dictionary<string, string>(), null, documentationVersion);

    private static IReadOnlyDictionary<string, string> MergeVariables(
        IReadOnlyDictionary<string, string> existing, IReadOnlyDictionary<string, string> incoming)
    {
        var merged = new Dictionary<string, string>(existing, StringComparer.Ordinal);
        foreach (var (name, value) in incoming)
        {
            merged[name] = value;
        }
        StageVariableRules.EnsureCount(merged.Count);
        return merged;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "REST API {ApiId} created")]
        public static partial void Created(ILogger logger, string apiId);

        [LoggerMessage(2, LogLevel.Information, "REST API {ApiId} deleted")]
        public static partial void Deleted(ILogger logger, string apiId);

        [LoggerMessage(3, LogLevel.Information, "Authorizer {AuthorizerId} ({Type}) created on REST API {ApiId}")]
        public static partial void AuthorizerCreated(ILogger logger, string authorizerId, string type, string apiId);

        [LoggerMessage(4, LogLevel.Information, "Authorizer {AuthorizerId} deleted from REST API {ApiId}")]
        public static partial void AuthorizerDeleted(ILogger logger, string authorizerId, string apiId);
    }
}
