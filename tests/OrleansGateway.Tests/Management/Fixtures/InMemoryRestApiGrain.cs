using System.Security.Cryptography;
using OrleansGateway.Grains.Interfaces.Configuration;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Patching;

namespace OrleansGateway.Tests.Management.Fixtures;

/// <summary>
/// Stand-in for the real REST API grain while it does not exist in this branch; removed from the
/// test silo as soon as a real <see cref="IRestApiGrain"/> implementation is present
/// (see <see cref="GrainDoubles"/>). State lives in memory only, with the contract's error semantics.
/// </summary>
public sealed class InMemoryRestApiGrain : Grain, IRestApiGrain
{
    private RestApiInfo? _api;
    private ApiDefinition _definition = ApiDefinition.Empty;
    private readonly List<DeploymentSnapshot> _deployments = [];
    private readonly Dictionary<string, StageRecord> _stages = new(StringComparer.Ordinal);
    private long _version;

    private string ApiId => this.GetPrimaryKeyString();

    private IApiCatalogGrain Catalog => GrainFactory.GetGrain<IApiCatalogGrain>(IApiCatalogGrain.Key);

    public async Task<RestApiInfo> Create(RestApiInfo info, ApiDefinition definition)
    {
        if (_api is not null)
        {
            throw ManagementException.Conflict($"API {ApiId} already exists");
        }
        (_api, _definition) = (info, definition);
        await Catalog.Publish(ApiId, ++_version);
        return info;
    }

    public Task<RestApiInfo> Get() => Task.FromResult(Existing());

    public Task<RestApiInfo?> TryGet() => Task.FromResult(_api);

    public Task<RestApiInfo> Update(IReadOnlyList<PatchOperation> operations) => Task.FromResult(_api = RestApiPatcher.Apply(Existing(), operations));

    public Task<RestApiInfo> PutDefinition(ApiDefinition definition, bool merge, RestApiInfo settings)
    {
        var api = Existing();
        _definition = merge ? Merge(_definition, definition) : definition;
        _api = settings with { Id = api.Id, CreatedDate = api.CreatedDate };
        return Task.FromResult(_api);
    }

    public Task<ApiDefinition> GetDefinition()
    {
        Existing();
        return Task.FromResult(_definition);
    }

    public async Task Delete()
    {
        Existing();
        (_api, _definition) = (null, ApiDefinition.Empty);
        _deployments.Clear();
        _stages.Clear();
        await Catalog.Remove(ApiId, ++_version);
    }

    public Task<DeploymentSummary> CreateDeployment(CreateDeploymentRequest request)
    {
        var api = Existing();
        StageVariableRules.Validate(request.Variables);
        var now = DateTimeOffset.UtcNow;
        var deployment = new DeploymentSnapshot(NewId(), request.Description, now, api, _definition);
        _deployments.Insert(0, deployment);
        if (request.StageName is { } stageName)
        {
            _stages[stageName] = _stages.TryGetValue(stageName, out var stage)
                ? stage with
                {
                    DeploymentId = deployment.Id,
                    Description = request.StageDescription ?? stage.Description,
                    Variables = request.Variables ?? stage.Variables,
                    LastUpdatedDate = now,
                }
                : NewStage(stageName, deployment.Id, request.StageDescription, request.Variables, request.TracingEnabled ?? false,
                    request.CacheClusterEnabled ?? false, request.CacheClusterSize, null, null, now);
        }
        return Task.FromResult(Summary(deployment));
    }

    public Task<IReadOnlyList<DeploymentSummary>> GetDeployments()
    {
        Existing();
        return Task.FromResult<IReadOnlyList<DeploymentSummary>>([.. _deployments.Select(Summary)]);
    }

    public Task<DeploymentSummary> GetDeployment(string deploymentId) => Task.FromResult(Summary(Deployment(deploymentId)));

    public Task DeleteDeployment(string deploymentId)
    {
        var deployment = Deployment(deploymentId);
        if (_stages.Values.Any(s => s.DeploymentId == deploymentId))
        {
            throw ManagementException.BadRequest("Active stages pointing to this deployment must be moved or deleted");
        }
        _deployments.Remove(deployment);
        return Task.CompletedTask;
    }

    public Task<StageRecord> CreateStage(CreateStageRequest request)
    {
        Existing();
        if (_stages.ContainsKey(request.StageName))
        {
            throw ManagementException.Conflict("Stage already exists");
        }
        Deployment(request.DeploymentId);
        StageVariableRules.Validate(request.Variables);
        var stage = NewStage(request.StageName, request.DeploymentId, request.Description, request.Variables, request.TracingEnabled,
            request.CacheClusterEnabled, request.CacheClusterSize, request.Tags, request.DocumentationVersion, DateTimeOffset.UtcNow);
        _stages[request.StageName] = stage;
        return Task.FromResult(stage);
    }

    public Task<StageRecord> GetStage(string stageName) => Task.FromResult(Stage(stageName));

    public Task<IReadOnlyList<StageRecord>> GetStages(string? deploymentId)
    {
        Existing();
        return Task.FromResult<IReadOnlyList<StageRecord>>([.. _stages.Values.Where(s => deploymentId is null || s.DeploymentId == deploymentId)]);
    }

    public Task<StageRecord> UpdateStage(string stageName, IReadOnlyList<PatchOperation> operations)
    {
        var stage = StagePatcher.Apply(Stage(stageName), operations, id => _deployments.Any(d => d.Id == id), DateTimeOffset.UtcNow);
        _stages[stageName] = stage;
        return Task.FromResult(stage);
    }

    public Task DeleteStage(string stageName)
    {
        _stages.Remove(Stage(stageName).StageName);
        return Task.CompletedTask;
    }

    public Task<DeploymentSnapshot> GetStageDeployment(string stageName) => Task.FromResult(Deployment(Stage(stageName).DeploymentId));

    public Task<ApiServingConfig> GetServingConfig()
    {
        var used = _stages.Values.Select(s => s.DeploymentId).ToHashSet(StringComparer.Ordinal);
        return Task.FromResult(new ApiServingConfig(ApiId, _version, [.. _stages.Values], [.. _deployments.Where(d => used.Contains(d.Id))]));
    }

    private RestApiInfo Existing() => _api ?? throw ManagementException.NotFound($"Invalid API identifier specified {ApiId}");

    private DeploymentSnapshot Deployment(string deploymentId)
    {
        Existing();
        return _deployments.FirstOrDefault(d => d.Id == deploymentId) ?? throw ManagementException.NotFound("Invalid Deployment identifier specified");
    }

    private StageRecord Stage(string stageName)
    {
        Existing();
        return _stages.TryGetValue(stageName, out var stage) ? stage : throw ManagementException.NotFound("Invalid Stage identifier specified");
    }

    private static StageRecord NewStage(
        string name, string deploymentId, string? description, IReadOnlyDictionary<string, string>? variables, bool tracing,
        bool cacheEnabled, string? cacheSize, IReadOnlyDictionary<string, string>? tags, string? documentationVersion, DateTimeOffset now) =>
        new(name, deploymentId, description, variables ?? new Dictionary<string, string>(), now, now, tracing, cacheEnabled, cacheSize,
            new Dictionary<string, MethodSetting>(), null, tags ?? new Dictionary<string, string>(), null, documentationVersion);

    private static DeploymentSummary Summary(DeploymentSnapshot deployment) => new(deployment.Id, deployment.Description, deployment.CreatedDate);

    private static string NewId() => new(RandomNumberGenerator.GetItems<char>("abcdefghijklmnopqrstuvwxyz0123456789", 6));

    private static ApiDefinition Merge(ApiDefinition current, ApiDefinition incoming)
    {
        var resources = current.Resources.ToDictionary(r => r.Path, StringComparer.Ordinal);
        foreach (var resource in incoming.Resources)
        {
            resources[resource.Path] = resources.TryGetValue(resource.Path, out var existing)
                ? existing with { Methods = existing.Methods.Concat(resource.Methods).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.Last().Value) }
                : resource;
        }
        var extensions = current.Extensions.Concat(incoming.Extensions).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        return new ApiDefinition([.. resources.Values], extensions, incoming.DocumentJson ?? current.DocumentJson);
    }
}
