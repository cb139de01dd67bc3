using System.Text.RegularExpressions;
using OrleansGateway.Grains.Definitions;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;
using static OrleansGateway.Grains.Patching.PatchOperationRules;

namespace OrleansGateway.Grains.Patching;

/// <summary>
/// CreateModel's checks and UpdateModel's patch paths: <c>/schema</c>, <c>/description</c>.
/// Whether a schema compiles as JSON Schema draft-04 is checked by the edge, which has the
/// validation library; here a schema must be a JSON object. Pure.
/// </summary>
public static partial class ModelPatcher
{
    /// <summary>Longest model name.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Longest description.</summary>
    public const int MaxDescriptionLength = 1024;

    /// <summary>Largest schema text (a management body is at most 64 KiB anyway).</summary>
    public const int MaxSchemaLength = 60 * 1024;

    /// <summary>Most models one API may have.</summary>
    public const int MaxModelsPerApi = 200;

    /// <summary>Applies <paramref name="operations"/> in order and checks the result.</summary>
    public static ModelDefinition Apply(ModelDefinition model, IReadOnlyList<PatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(operations);
        var current = model;
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            EnsureKnownOp(operation, i, "updateModelInput");
            switch (operation.Path)
            {
                case "/schema":
                    EnsureOp(operation, Replace);
                    current = current with { Schema = PatchValues.RequireString(operation, MaxSchemaLength) };
                    break;
                case "/description":
                    EnsureOp(operation, Add, Remove, Replace);
                    var description = PatchValues.OptionalString(operation, MaxDescriptionLength);
                    current = current with
                    {
                        Description = description,
                        // The description lives in the schema; removing it takes it out there too.
                        Schema = description is null ? WithoutDescription(current.Schema) : current.Schema,
                    };
                    break;
                default:
                    throw InvalidPath(operation.Path);
            }
        }
        return Validate(current);
    }

    /// <summary>The model if its name, content type and schema are acceptable; 400 otherwise.</summary>
    public static ModelDefinition Validate(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (string.IsNullOrEmpty(model.Name) || model.Name.Length > MaxNameLength || !Alphanumeric().IsMatch(model.Name))
        {
            throw ManagementException.BadRequest($"Model name must be alphanumeric: {model.Name}");
        }
        if (!string.Equals(model.ContentType, DocumentModels.JsonContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw ManagementException.BadRequest($"Invalid content type specified: {model.ContentType}. This gateway supports {DocumentModels.JsonContentType} models only");
        }
        if (model.Description is { Length: > MaxDescriptionLength })
        {
            throw ManagementException.BadRequest($"Description must be at most {MaxDescriptionLength} characters");
        }
        if (model.Schema.Length > MaxSchemaLength)
        {
            throw ManagementException.BadRequest($"Invalid model schema specified: at most {MaxSchemaLength} characters are allowed");
        }
        DocumentModels.ParseSchema(model.Schema);
        return model with { ContentType = DocumentModels.JsonContentType };
    }

    private static string WithoutDescription(string schema)
    {
        var parsed = DocumentModels.ParseSchema(schema);
        parsed.Remove("description");
        return parsed.ToJsonString();
    }

    [GeneratedRegex("^[a-zA-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Alphanumeric();
}
