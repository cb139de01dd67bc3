using Orleans.Concurrency;
using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>
/// The single authority for one REST API (keyed by its id): settings, working definition,
/// deployments and stages. Every change that alters what is served bumps the API's serving
/// version and is announced to the edges through <see cref="IApiCatalogGrain"/>.
/// Failures the caller must see are thrown as <see cref="ManagementException"/>.
/// </summary>
[Alias("og.IRestApiGrain")]
public interface IRestApiGrain : IGrainWithStringKey
{
    /// <summary>Creates the API; 409 if the id is taken.</summary>
    [Alias("Create")]
    Task<RestApiInfo> Create(RestApiInfo info, ApiDefinition definition);

    /// <summary>The API's settings; 404 if it does not exist.</summary>
    [Alias("Get"), ReadOnly]
    Task<RestApiInfo> Get();

    /// <summary>The API's settings, or null if it does not exist (for listings).</summary>
    [Alias("TryGet"), ReadOnly]
    Task<RestApiInfo?> TryGet();

    /// <summary>UpdateRestApi: applies v1 patch operations to the settings.</summary>
    [Alias("Update")]
    Task<RestApiInfo> Update(IReadOnlyList<PatchOperation> operations);

    /// <summary>PutRestApi: replaces (<paramref name="merge"/> false) or merges the working definition.</summary>
    /// <param name="definition">The imported definition.</param>
    /// <param name="merge">True to add and overwrite methods while keeping the rest.</param>
    /// <param name="settings">Settings the document carries (name, binary media types...), overlaid on the API's.</param>
    /// <param name="warnings">The import's warnings, reported with the API.</param>
    [Alias("PutDefinition")]
    Task<RestApiInfo> PutDefinition(ApiDefinition definition, bool merge, ImportedApiSettings settings, IReadOnlyList<string> warnings);

    /// <summary>The working (undeployed) definition.</summary>
    [Alias("GetDefinition"), ReadOnly]
    Task<ApiDefinition> GetDefinition();

    /// <summary>
    /// CreateAuthorizer: validates <paramref name="authorizer"/> and adds it to the working definition
    /// under a new id (the given id is ignored); 400 for bad input, 409 for a taken name.
    /// </summary>
    [Alias("CreateAuthorizer")]
    Task<AuthorizerDefinition> CreateAuthorizer(AuthorizerDefinition authorizer);

    /// <summary>UpdateAuthorizer: applies v1 patch operations; 404 if the authorizer is unknown.</summary>
    [Alias("UpdateAuthorizer")]
    Task<AuthorizerDefinition> UpdateAuthorizer(string authorizerId, IReadOnlyList<PatchOperation> operations);

    /// <summary>DeleteAuthorizer: 404 if unknown, 409 while a method uses it.</summary>
    [Alias("DeleteAuthorizer")]
    Task DeleteAuthorizer(string authorizerId);

    /// <summary>
    /// UpdateMethod: applies v1 patch operations to the method <paramref name="httpMethod"/> of the
    /// resource at <paramref name="resourcePath"/>; 404 if there is no such method.
    /// </summary>
    [Alias("UpdateMethod")]
    Task<MethodDefinition> UpdateMethod(string resourcePath, string httpMethod, IReadOnlyList<PatchOperation> operations);

    /// <summary>DeleteRestApi: removes the API, its deployments and stages; edges stop serving it.</summary>
    [Alias("Delete")]
    Task Delete();

    /// <summary>CreateDeployment: snapshots the working definition.</summary>
    [Alias("CreateDeployment")]
    Task<DeploymentSummary> CreateDeployment(CreateDeploymentRequest request);

    /// <summary>GetDeployments, newest first.</summary>
    [Alias("GetDeployments"), ReadOnly]
    Task<IReadOnlyList<DeploymentSummary>> GetDeployments();

    /// <summary>GetDeployment; 404 if unknown.</summary>
    [Alias("GetDeployment"), ReadOnly]
    Task<DeploymentSummary> GetDeployment(string deploymentId);

    /// <summary>DeleteDeployment; 400 while a stage points at it.</summary>
    [Alias("DeleteDeployment")]
    Task DeleteDeployment(string deploymentId);

    /// <summary>CreateStage; 409 if the stage exists, 404 if the deployment does not.</summary>
    [Alias("CreateStage")]
    Task<StageRecord> CreateStage(CreateStageRequest request);

    /// <summary>GetStage; 404 if unknown.</summary>
    [Alias("GetStage"), ReadOnly]
    Task<StageRecord> GetStage(string stageName);

    /// <summary>GetStages, optionally only those on one deployment.</summary>
    [Alias("GetStages"), ReadOnly]
    Task<IReadOnlyList<StageRecord>> GetStages(string? deploymentId);

    /// <summary>UpdateStage: applies v1 patch operations (<c>/deploymentId</c>, <c>/variables/x</c>, ...).</summary>
    [Alias("UpdateStage")]
    Task<StageRecord> UpdateStage(string stageName, IReadOnlyList<PatchOperation> operations);

    /// <summary>DeleteStage; 404 if unknown.</summary>
    [Alias("DeleteStage")]
    Task DeleteStage(string stageName);

    /// <summary>The deployment a stage serves (for GetExport).</summary>
    [Alias("GetStageDeployment"), ReadOnly]
    Task<DeploymentSnapshot> GetStageDeployment(string stageName);

    /// <summary>What edges serve for this API.</summary>
    [Alias("GetServingConfig"), ReadOnly]
    Task<ApiServingConfig> GetServingConfig();
    /// <summary>
    /// PutGatewayResponse: validates <paramref name="response"/> and stores it in the working
    /// definition (served from the next deployment); 400 for an unknown type or bad parts.
    /// </summary>
    [Alias("PutGatewayResponse")]
    Task<GatewayResponseDefinition> PutGatewayResponse(GatewayResponseDefinition response);

    /// <summary>The customised gateway responses of the working definition, keyed by type.</summary>
    [Alias("GetGatewayResponses"), ReadOnly]
    Task<IReadOnlyDictionary<string, GatewayResponseDefinition>> GetGatewayResponses();

    /// <summary>DeleteGatewayResponse: back to the default; 404 if the type was not customised.</summary>
    [Alias("DeleteGatewayResponse")]
    Task DeleteGatewayResponse(string responseType);

    /// <summary>CreateRequestValidator: 400 for a bad name, 409 when the name is taken.</summary>
    [Alias("CreateRequestValidator")]
    Task<RequestValidatorDefinition> CreateRequestValidator(RequestValidatorDefinition validator);

    /// <summary>UpdateRequestValidator: <c>/name</c>, <c>/validateRequestBody</c>, <c>/validateRequestParameters</c>; 404 if unknown.</summary>
    [Alias("UpdateRequestValidator")]
    Task<RequestValidatorDefinition> UpdateRequestValidator(string requestValidatorId, IReadOnlyList<PatchOperation> operations);

    /// <summary>DeleteRequestValidator: 404 if unknown, 409 while a method uses it.</summary>
    [Alias("DeleteRequestValidator")]
    Task DeleteRequestValidator(string requestValidatorId);

    /// <summary>
    /// CreateModel: stores a schema the caller has already checked compiles (the edge does, with
    /// the validation library); 400 for a bad name or non-object schema, 409 when the name is taken.
    /// </summary>
    [Alias("CreateModel")]
    Task<ModelDefinition> CreateModel(ModelDefinition model);

    /// <summary>UpdateModel: <c>/schema</c>, <c>/description</c>; 404 if unknown.</summary>
    [Alias("UpdateModel")]
    Task<ModelDefinition> UpdateModel(string modelName, IReadOnlyList<PatchOperation> operations);

    /// <summary>DeleteModel: 404 if unknown, 409 while a method or another model references it.</summary>
    [Alias("DeleteModel")]
    Task DeleteModel(string modelName);
}
