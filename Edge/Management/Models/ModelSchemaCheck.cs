using System.Text.Json.Nodes;
using NJsonSchema;
using OrleansGateway.Edge.DataPlane.Validation;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.Models;

/// <summary>
/// Checks that a model's schema compiles as JSON Schema draft-04 exactly as the data plane will
/// compile it (<see cref="RequestValidatorCompiler"/>, NJsonSchema, references resolved only among
/// the API's models), so a model the API accepts is one a deployment can validate with.
/// </summary>
internal static class ModelSchemaCheck
{
    private const string ProbeValidator = "model-check";

    // Compiled once: the meta-schema is constant and only local references appear in it.
    private static readonly Lazy<JsonSchema> MetaSchema = new(() =>
        JsonSchema.FromJsonAsync(Draft04MetaSchema.Json, null!, LocalReferenceResolver.Factory).GetAwaiter().GetResult());

    /// <summary>400 BadRequestException when <paramref name="schema"/> does not compile in <paramref name="definition"/>.</summary>
    public static void Ensure(ApiDefinition definition, string name, string schema)
    {
        // Bad JSON or a non-object is reported in API Gateway's words before the library sees it.
        DocumentModels.ParseSchema(schema);
        var errors = MetaSchema.Value.Validate(schema);
        if (errors.Count > 0)
        {
            var first = errors.First();
            throw ManagementException.BadRequest($"Invalid model schema specified: not a JSON Schema draft-04 document ({first.Kind} at {first.Path})");
        }
        var probe = DocumentModels.Put(definition, new ModelDefinition(name, null, schema, DocumentModels.JsonContentType));
        probe = probe with
        {
            Extensions = new Dictionary<string, string>(probe.Extensions, StringComparer.Ordinal)
            {
                [RequestValidatorCompiler.ValidatorsExtension] = new JsonObject
                {
                    [ProbeValidator] = new JsonObject { ["validateRequestBody"] = true },
                }.ToJsonString(),
            },
        };
        var method = new MethodDefinition(
            "POST", "NONE", null, false, null, new Dictionary<string, bool>(), null, new Dictionary<string, string>(),
            OperationRequestModels.Set(null, DocumentModels.JsonContentType, name),
            [], ProbeValidator);
        string? problem = null;
        new RequestValidatorCompiler(probe, found => problem ??= found).Compile(method);
        if (problem is not null)
        {
            throw ManagementException.BadRequest("Invalid model schema specified: " + problem);
        }
    }
}
