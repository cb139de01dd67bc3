using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using OrleansGateway.Grains.Patching;

namespace OrleansGateway.Grains.Definitions;

/// <summary>
/// Request validator and model write operations. They change the working definition only: as in
/// API Gateway, the data plane sees them from the next deployment.
/// </summary>
public sealed partial class RestApiGrain
{
    /// <inheritdoc />
    public async Task<RequestValidatorDefinition> CreateRequestValidator(RequestValidatorDefinition validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        RequireApi();
        var validators = RequestValidatorExtension.Read(S.Definition);
        if (validators.Count >= RequestValidatorPatcher.MaxValidatorsPerApi)
        {
            throw new ManagementException(ManagementErrorType.LimitExceeded,
                $"Maximum number of request validators for this API has been reached: {RequestValidatorPatcher.MaxValidatorsPerApi}");
        }
        var created = RequestValidatorPatcher.Validate(validator);
        EnsureValidatorNameFree(validators, created.Name);
        S.Definition = RequestValidatorExtension.Write(S.Definition, [.. validators, created]);
        await SaveWorkingDefinitionAsync();
        return created;
    }

    /// <inheritdoc />
    public async Task<RequestValidatorDefinition> UpdateRequestValidator(string requestValidatorId, IReadOnlyList<PatchOperation> operations)
    {
        var validators = RequestValidatorExtension.Read(S.Definition);
        var current = RequireValidator(validators, requestValidatorId);
        var updated = RequestValidatorPatcher.Apply(current, operations);
        var others = validators.Where(v => v.Id != current.Id).ToList();
        var definition = S.Definition;
        if (updated.Name != current.Name)
        {
            EnsureValidatorNameFree(others, updated.Name);
            // The id is the name; methods follow the rename.
            definition = RequestValidatorExtension.Rename(definition, current.Name, updated.Name);
        }
        S.Definition = RequestValidatorExtension.Write(definition, validators.Select(v => v.Id == current.Id ? updated : v));
        await SaveWorkingDefinitionAsync();
        return updated;
    }

    /// <inheritdoc />
    public async Task DeleteRequestValidator(string requestValidatorId)
    {
        var validators = RequestValidatorExtension.Read(S.Definition);
        var validator = RequireValidator(validators, requestValidatorId);
        if (RequestValidatorExtension.FirstUser(S.Definition, validator.Name) is { } user)
        {
            throw ManagementException.Conflict($"Cannot delete request validator '{validator.Name}', is referenced in method: {user}");
        }
        S.Definition = RequestValidatorExtension.Write(S.Definition, validators.Where(v => v.Id != validator.Id));
        await SaveWorkingDefinitionAsync();
    }

    /// <inheritdoc />
    public async Task<ModelDefinition> CreateModel(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireApi();
        var created = ModelPatcher.Validate(model);
        var models = DocumentModels.Read(S.Definition);
        if (models.Any(m => m.Name == created.Name))
        {
            throw ManagementException.Conflict("Model name already exists for this REST API");
        }
        if (models.Count >= ModelPatcher.MaxModelsPerApi)
        {
            throw new ManagementException(ManagementErrorType.LimitExceeded,
                $"Maximum number of models for this API has been reached: {ModelPatcher.MaxModelsPerApi}");
        }
        S.Definition = DocumentModels.Put(S.Definition, created);
        await SaveWorkingDefinitionAsync();
        return DocumentModels.Find(S.Definition, created.Name)!;
    }

    /// <inheritdoc />
    public async Task<ModelDefinition> UpdateModel(string modelName, IReadOnlyList<PatchOperation> operations)
    {
        RequireApi();
        var current = DocumentModels.Find(S.Definition, modelName) ?? throw ModelNotFound(modelName);
        var updated = ModelPatcher.Apply(current, operations);
        S.Definition = DocumentModels.Put(S.Definition, updated);
        await SaveWorkingDefinitionAsync();
        return DocumentModels.Find(S.Definition, modelName)!;
    }

    /// <inheritdoc />
    public async Task DeleteModel(string modelName)
    {
        RequireApi();
        if (DocumentModels.Find(S.Definition, modelName) is null)
        {
            throw ModelNotFound(modelName);
        }
        if (DocumentModels.FirstReference(S.Definition, modelName) is { } user)
        {
            throw ManagementException.Conflict($"Cannot delete model '{modelName}', is referenced in {user}");
        }
        S.Definition = DocumentModels.Remove(S.Definition, modelName);
        await SaveWorkingDefinitionAsync();
    }

    private RequestValidatorDefinition RequireValidator(IReadOnlyList<RequestValidatorDefinition> validators, string requestValidatorId)
    {
        RequireApi();
        return validators.FirstOrDefault(v => v.Id == requestValidatorId)
            ?? throw ManagementException.NotFound("Invalid Request Validator identifier specified");
    }

    private static void EnsureValidatorNameFree(IEnumerable<RequestValidatorDefinition> validators, string name)
    {
        if (validators.Any(v => v.Name == name))
        {
            throw ManagementException.Conflict($"Request validator with name '{name}' already exists for this REST API");
        }
    }

    private static ManagementException ModelNotFound(string modelName) =>
        ManagementException.NotFound("Invalid model name specified: " + modelName);

    // The models and the validator a method names must exist (API Gateway: BadRequestException).
    private void EnsureMethodReferencesExist(IReadOnlyList<PatchOperation> operations)
    {
        foreach (var operation in operations)
        {
            if (operation.Path == "/requestValidatorId"
                && PatchOperationRules.Sets(operation)
                && operation.Value is { Length: > 0 } validator
                && !RequestValidatorExtension.Read(S.Definition).Any(v => v.Id == validator))
            {
                throw ManagementException.BadRequest("Invalid Request Validator identifier specified");
            }
            if (operation.Path?.StartsWith(MethodPatcher.RequestModelsPath, StringComparison.Ordinal) == true
                && PatchOperationRules.Sets(operation)
                && operation.Value is { Length: > 0 } name
                && !DocumentModels.BuiltIn.ContainsKey(name)
                && DocumentModels.Find(S.Definition, name) is null)
            {
                throw ManagementException.BadRequest("Invalid model identifier specified: " + name);
            }
        }
    }

    // API Gateway gives every API the Empty and Error models; here they are added when a method first names them.
    private static ApiDefinition WithBuiltInModelsNamedBy(IReadOnlyList<PatchOperation> operations, ApiDefinition definition)
    {
        foreach (var operation in operations)
        {
            if (operation.Path?.StartsWith(MethodPatcher.RequestModelsPath, StringComparison.Ordinal) == true
                && PatchOperationRules.Sets(operation)
                && operation.Value is { } name
                && DocumentModels.BuiltIn.TryGetValue(name, out var builtIn)
                && DocumentModels.Find(definition, name) is null)
            {
                definition = DocumentModels.Put(definition, builtIn);
            }
        }
        return definition;
    }

    private Task SaveWorkingDefinitionAsync() => state.WriteStateAsync();
}
