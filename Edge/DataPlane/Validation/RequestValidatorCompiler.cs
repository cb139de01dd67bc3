using System.Collections.Frozen;
using System.Text.Json.Nodes;
using NJsonSchema;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.DataPlane.Validation;

/// <summary>
/// Compiles the request validators of one deployed API for one stage: validators come from the
/// root <c>x-amazon-apigateway-request-validators</c> extension, models from the operation's
/// <c>requestBody.content</c> schemas and <c>components.schemas</c>. Each distinct model is
/// compiled once per stage and shared by every method that uses it.
/// </summary>
internal sealed class RequestValidatorCompiler
{
    /// <summary>The root extension that declares the validators.</summary>
    public const string ValidatorsExtension = "x-amazon-apigateway-request-validators";

    private const string ComponentSchemaPrefix = "#/components/schemas/";
    private const string ApiGatewayModelMarker = "/models/";

    private readonly Dictionary<string, (bool Body, bool Parameters)> _validators = new(StringComparer.Ordinal);
    private readonly JsonObject _definitions = [];
    private readonly JsonObject? _components;
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);
    private readonly Action<string> _problem;

    public RequestValidatorCompiler(ApiDefinition api, Action<string> problem)
    {
        _problem = problem;
        if (api.Extensions.TryGetValue(ValidatorsExtension, out var validatorsJson) && Parse(validatorsJson) is JsonObject validators)
        {
            foreach (var (name, value) in validators)
            {
                _validators[name] = (Flag(value, "validateRequestBody"), Flag(value, "validateRequestParameters"));
            }
        }
        if (api.DocumentJson is not null && Parse(api.DocumentJson) is JsonObject document)
        {
            _components = document["components"] as JsonObject;
            if (_components?["schemas"] is JsonObject schemas)
            {
                foreach (var (name, schema) in schemas)
                {
                    _definitions[name] = RewriteReferences(schema?.DeepClone());
                }
            }
        }
    }

    /// <summary>The method's compiled validator, or null when it has none (or one that checks nothing).</summary>
    public CompiledRequestValidator? Compile(MethodDefinition method)
    {
        if (method.RequestValidatorName is not { } name)
        {
            return null;
        }
        if (!_validators.TryGetValue(name, out var checks))
        {
            // Import refuses undefined names; a management-API edit may still leave one dangling.
            _problem($"request validator '{name}' is not defined; requests are not validated");
            return null;
        }
        if (!checks.Body && !checks.Parameters)
        {
            return null;
        }
        var parameters = checks.Parameters ? RequiredParameters(method.RequestParameters) : [];
        var models = checks.Body ? BodyModels(method.OperationJson) : FrozenDictionary<string, JsonSchema>.Empty;
        return parameters.Count == 0 && models.Count == 0 ? null : new CompiledRequestValidator(parameters, models);
    }

    private static List<RequiredParameter> RequiredParameters(IReadOnlyDictionary<string, bool> declared)
    {
        var required = new List<RequiredParameter>();
        foreach (var (key, isRequired) in declared)
        {
            if (!isRequired)
            {
                continue;
            }
            RequiredParameter? parameter = key switch
            {
                _ when key.StartsWith("method.request.path.", StringComparison.Ordinal) => new(RequestParameterSource.Path, key["method.request.path.".Length..]),
                _ when key.StartsWith("method.request.querystring.", StringComparison.Ordinal) => new(RequestParameterSource.QueryString, key["method.request.querystring.".Length..]),
                _ when key.StartsWith("method.request.header.", StringComparison.Ordinal) => new(RequestParameterSource.Header, key["method.request.header.".Length..]),
                _ => null,
            };
            if (parameter is { Name.Length: > 0 })
            {
                required.Add(parameter);
            }
        }
        required.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return required;
    }

    private FrozenDictionary<string, JsonSchema> BodyModels(string? operationJson)
    {
        if (operationJson is null || Parse(operationJson) is not JsonObject operation)
        {
            return FrozenDictionary<string, JsonSchema>.Empty;
        }
        var requestBody = operation["requestBody"];
        if (requestBody?["$ref"]?.GetValue<string>() is { } bodyReference
            && bodyReference.StartsWith("#/components/requestBodies/", StringComparison.Ordinal))
        {
            requestBody = _components?["requestBodies"]?[bodyReference["#/components/requestBodies/".Length..]];
        }
        if (requestBody?["content"] is not JsonObject content)
        {
            return FrozenDictionary<string, JsonSchema>.Empty;
        }
        var models = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var (mediaType, media) in content)
        {
            if (media?["schema"] is { } schema)
            {
                models[mediaType.Trim().ToLowerInvariant()] = SchemaFor(schema);
            }
        }
        return models.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// A model as one self-contained draft-04 document: the schema with every component schema
    /// under <c>definitions</c>, so <c>$ref</c>s resolve inside it and never leave it.
    /// </summary>
    private JsonSchema SchemaFor(JsonNode schema)
    {
        var root = RewriteReferences(schema.DeepClone()) as JsonObject ?? [];
        if (_definitions.Count > 0)
        {
            var definitions = root["definitions"] as JsonObject ?? [];
            foreach (var (name, definition) in _definitions)
            {
                if (!definitions.ContainsKey(name))
                {
                    definitions[name] = definition?.DeepClone();
                }
            }
            root["definitions"] = definitions;
        }
        var json = root.ToJsonString();
        if (_schemas.TryGetValue(json, out var compiled))
        {
            return compiled;
        }
        try
        {
            // Compilation happens when a config is applied, off the request path; with only local
            // references (LocalReferenceResolver) nothing here waits on I/O.
            compiled = JsonSchema.FromJsonAsync(json, null!, LocalReferenceResolver.Factory).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            // Fail closed: a model the edge cannot compile must not let unchecked bodies through.
            _problem($"model cannot be compiled ({ex.Message}); bodies of this media type are refused");
            compiled = JsonSchema.FromJsonAsync("""{"not":{}}""").GetAwaiter().GetResult();
        }
        _schemas[json] = compiled;
        return compiled;
    }

    /// <summary>OpenAPI component and API Gateway model references become <c>#/definitions/Name</c>.</summary>
    private static JsonNode? RewriteReferences(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(pair => pair.Key).ToList())
                {
                    if (key == "$ref" && obj[key] is JsonValue value && value.TryGetValue<string>(out var reference))
                    {
                        obj[key] = LocalReference(reference);
                    }
                    else
                    {
                        RewriteReferences(obj[key]);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RewriteReferences(item);
                }
                break;
        }
        return node;
    }

    private static string LocalReference(string reference)
    {
        if (reference.StartsWith(ComponentSchemaPrefix, StringComparison.Ordinal))
        {
            return "#/definitions/" + reference[ComponentSchemaPrefix.Length..];
        }
        // API Gateway models name each other as https://apigateway.amazonaws.com/restapis/{id}/models/{name}.
        var marker = reference.LastIndexOf(ApiGatewayModelMarker, StringComparison.Ordinal);
        if (reference.StartsWith("https://apigateway.", StringComparison.Ordinal) && marker > 0)
        {
            return "#/definitions/" + reference[(marker + ApiGatewayModelMarker.Length)..];
        }
        return reference;
    }

    private static bool Flag(JsonNode? validator, string name) =>
        validator?[name] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
