using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>
/// Reads and writes the API's models where import keeps them, the document's
/// <c>components.schemas</c>, so the validation compiler and export see API-created models
/// exactly as imported ones. A model's description is its schema's <c>description</c>.
/// </summary>
public static class DocumentModels
{
    /// <summary>The only model content type this gateway validates.</summary>
    public const string JsonContentType = "application/json";

    /// <summary>API Gateway's built-in models, with the schemas it gives them.</summary>
    public static IReadOnlyDictionary<string, ModelDefinition> BuiltIn { get; } = new Dictionary<string, ModelDefinition>(StringComparer.Ordinal)
    {
        ["Empty"] = new("Empty", "This is a default empty schema model",
            """{"$schema":"http://json-schema.org/draft-04/schema#","title":"Empty Schema","type":"object"}""", JsonContentType),
        ["Error"] = new("Error", "This is a default error schema model",
            """{"$schema":"http://json-schema.org/draft-04/schema#","title":"Error Schema","type":"object","properties":{"message":{"type":"string"}}}""",
            JsonContentType),
    };

    /// <summary>The models, by name in ordinal order.</summary>
    public static IReadOnlyList<ModelDefinition> Read(ApiDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var models = new List<ModelDefinition>();
        if (Schemas(Document(definition)) is { } schemas)
        {
            foreach (var (name, schema) in schemas)
            {
                models.Add(ToModel(name, schema));
            }
        }
        models.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return models;
    }

    /// <summary>The model named <paramref name="name"/>, or null.</summary>
    public static ModelDefinition? Find(ApiDefinition definition, string name)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Schemas(Document(definition))?[name] is { } schema ? ToModel(name, schema) : null;
    }

    /// <summary>The definition with <paramref name="model"/> stored (added or replaced).</summary>
    public static ApiDefinition Put(ApiDefinition definition, ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(model);
        var schema = ParseSchema(model.Schema);
        if (model.Description is { } description)
        {
            schema["description"] = description;
        }
        var document = Document(definition) ?? new JsonObject { ["openapi"] = "3.0.1" };
        var components = document["components"] as JsonObject ?? [];
        var schemas = components["schemas"] as JsonObject ?? [];
        schemas[model.Name] = schema;
        components["schemas"] = schemas;
        document["components"] = components;
        return definition with { DocumentJson = document.ToJsonString() };
    }

    /// <summary>The definition without the model <paramref name="name"/>.</summary>
    public static ApiDefinition Remove(ApiDefinition definition, string name)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var document = Document(definition);
        if (Schemas(document) is not { } schemas || !schemas.Remove(name))
        {
            return definition;
        }
        return definition with { DocumentJson = document!.ToJsonString() };
    }

    /// <summary>
    /// Where the model is still referenced (<c>GET /pets</c> or <c>model Other</c>), or null: a
    /// <c>$ref</c> to <c>#/components/schemas/{name}</c> or API Gateway's <c>.../models/{name}</c>.
    /// </summary>
    public static string? FirstReference(ApiDefinition definition, string name)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var resource in definition.Resources)
        {
            foreach (var (verb, method) in resource.Methods.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                if (method.OperationJson is { } operation && References(JsonNode.Parse(operation), name))
                {
                    return verb + " " + resource.Path;
                }
            }
        }
        var document = Document(definition);
        if (Schemas(document) is { } schemas)
        {
            foreach (var (other, schema) in schemas)
            {
                if (other != name && References(schema, name))
                {
                    return "model " + other;
                }
            }
        }
        return document?["components"]?["requestBodies"] is { } bodies && References(bodies, name) ? "components.requestBodies" : null;
    }

    /// <summary>The schema text as a JSON object, or 400.</summary>
    public static JsonObject ParseSchema(string schema)
    {
        try
        {
            return JsonNode.Parse(schema, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                ?? throw ManagementException.BadRequest("Invalid model schema specified: the schema must be a JSON object");
        }
        catch (JsonException exception)
        {
            throw ManagementException.BadRequest("Invalid model schema specified: " + exception.Message);
        }
    }

    private static bool References(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value is JsonValue reference && reference.TryGetValue<string>(out var target)
                        && (target.EndsWith("/components/schemas/" + name, StringComparison.Ordinal)
                            || target.EndsWith("/definitions/" + name, StringComparison.Ordinal)
                            || target.EndsWith("/models/" + name, StringComparison.Ordinal)))
                    {
                        return true;
                    }
                    if (References(value, name))
                    {
                        return true;
                    }
                }
                return false;
            case JsonArray array:
                return array.Any(item => References(item, name));
            default:
                return false;
        }
    }

    private static ModelDefinition ToModel(string name, JsonNode? schema)
    {
        var description = schema?["description"] is JsonValue text && text.TryGetValue<string>(out var value) ? value : null;
        return new ModelDefinition(name, description, schema?.ToJsonString() ?? "{}", JsonContentType);
    }

    private static JsonObject? Document(ApiDefinition definition) =>
        definition.DocumentJson is null ? null : JsonNode.Parse(definition.DocumentJson) as JsonObject;

    private static JsonObject? Schemas(JsonObject? document) => document?["components"]?["schemas"] as JsonObject;
}
