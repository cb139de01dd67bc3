using System.Text.Json.Nodes;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>Reads one OpenAPI 3 operation into a <see cref="MethodDefinition"/>.</summary>
internal sealed class MethodDefinitionReader(JsonObject document, ICollection<string> warnings)
{
    private readonly JsonObject? _schemes = document["components"]?["securitySchemes"] as JsonObject;
    private readonly JsonObject? _validators = ImportJson.Object(document[ExtensionCatalog.RequestValidators], ExtensionCatalog.RequestValidators);
    private readonly string? _rootValidator = ImportJson.Scalar(document, ExtensionCatalog.RequestValidator, DocumentLocation.Root);

    public MethodDefinition Read(string httpMethod, JsonObject operation, string location, IReadOnlyList<string> segments, JsonArray? pathParameters, IReadOnlyDictionary<string, string> pathExtensions)
    {
        var parameters = MergeParameters(operation["parameters"], pathParameters, location);

        // AWS's recorded import applies root-level security to operations that declare none.
        var (security, securityAt) = operation["security"] is { } own
            ? (own, DocumentLocation.Child(location, "security"))
            : (document["security"], "security");
        var methodSecurity = MethodSecurityReader.Read(security, _schemes, operation, location, securityAt, warnings);

        var extensions = new Dictionary<string, string>(pathExtensions, StringComparer.Ordinal);
        foreach (var (key, value) in operation)
        {
            if (ExtensionCatalog.IsStoredExtension(key) && key != IntegrationExtensionReader.Name)
            {
                extensions[key] = value?.ToJsonString() ?? "null";
            }
        }

        return new MethodDefinition(
            httpMethod,
            methodSecurity.AuthorizationType,
            methodSecurity.AuthorizerId,
            methodSecurity.ApiKeyRequired,
            ImportJson.Scalar(operation, "operationId", location),
            RequestParameters(parameters, segments, location),
            Integration(operation, location),
            extensions,
            OperationJson(operation, parameters),
            methodSecurity.AuthorizationScopes,
            RequestValidator(operation, location));
    }

    private IntegrationDefinition? Integration(JsonObject operation, string location)
    {
        var at = DocumentLocation.Child(location, IntegrationExtensionReader.Name);
        var node = operation[IntegrationExtensionReader.Name];
        if (node is null)
        {
            warnings.Add($"{location}: no {IntegrationExtensionReader.Name}; the method is created without an integration");
            return null;
        }
        // HTTP API documents share integrations through components.x-amazon-apigateway-integrations.
        var integration = ImportJson.Object(LocalReference.Resolve(document, node, at), at)
            ?? throw ImportJson.Error(at, "expected an object, found null");
        return IntegrationExtensionReader.Read(integration, at, warnings);
    }

    private string? RequestValidator(JsonObject operation, string location)
    {
        var at = DocumentLocation.Child(location, ExtensionCatalog.RequestValidator);
        var name = ImportJson.Scalar(operation, ExtensionCatalog.RequestValidator, location);
        if (name is null)
        {
            (name, at) = (_rootValidator, ExtensionCatalog.RequestValidator);
        }
        if (name is null || _validators?[name] is JsonObject)
        {
            return name;
        }
        throw ImportJson.Error(at, $"validator '{name}' is not defined in {ExtensionCatalog.RequestValidators}");
    }

    /// <summary>Operation parameters plus the path item's, which the operation may override by name and location.</summary>
    private List<(JsonNode Declared, JsonObject Resolved)> MergeParameters(JsonNode? operationParameters, JsonArray? pathParameters, string location)
    {
        var merged = new List<(JsonNode Declared, JsonObject Resolved)>();
        Add(operationParameters as JsonArray, DocumentLocation.Child(location, "parameters"));
        Add(pathParameters, DocumentLocation.Child(location[..location.LastIndexOf('.')], "parameters"));
        return merged;

        void Add(JsonArray? parameters, string at)
        {
            for (var i = 0; i < (parameters?.Count ?? 0); i++)
            {
                var itemAt = DocumentLocation.Index(at, i);
                var declared = parameters![i]!;
                if (LocalReference.Resolve(document, declared, itemAt) is not JsonObject resolved)
                {
                    throw ImportJson.Error(itemAt, $"expected a parameter object, found {ImportJson.Describe(declared)}");
                }
                var name = ImportJson.Scalar(resolved, "name", itemAt);
                var @in = ImportJson.Scalar(resolved, "in", itemAt);
                if (!merged.Any(p => p.Resolved["name"]?.ToString() == name && p.Resolved["in"]?.ToString() == @in))
                {
                    merged.Add((declared, resolved));
                }
            }
        }
    }

    private static Dictionary<string, bool> RequestParameters(List<(JsonNode Declared, JsonObject Resolved)> parameters, IReadOnlyList<string> segments, string location)
    {
        var map = new Dictionary<string, bool>(StringComparer.Ordinal);
        // API Gateway declares every path template variable, whether or not the operation lists it.
        foreach (var segment in segments.Where(ResourcePaths.IsParameter))
        {
            map[$"method.request.path.{segment.Trim('{', '}').TrimEnd('+')}"] = true;
        }
        foreach (var (_, parameter) in parameters)
        {
            var name = ImportJson.Scalar(parameter, "name", location);
            var source = ImportJson.Scalar(parameter, "in", location) switch
            {
                "path" => "path",
                "query" => "querystring",
                "header" => "header",
                _ => null, // cookie: API Gateway has no method.request.cookie parameters
            };
            if (name is null || source is null)
            {
                continue;
            }
            map[$"method.request.{source}.{name}"] = source == "path" || (ImportJson.Boolean(parameter, "required", location) ?? false);
        }
        return map;
    }

    /// <summary>The operation as imported, with path-level parameters merged in and extensions other than the integration moved to <see cref="MethodDefinition.Extensions"/>.</summary>
    private static string OperationJson(JsonObject operation, List<(JsonNode Declared, JsonObject Resolved)> parameters)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in operation)
        {
            if (ExtensionCatalog.IsStoredExtension(key) && key != IntegrationExtensionReader.Name)
            {
                continue;
            }
            copy[key] = key == "parameters" ? null : value?.DeepClone();
        }
        if (parameters.Count > 0)
        {
            copy["parameters"] = new JsonArray(parameters.Select(p => p.Declared.DeepClone()).ToArray());
        }
        else
        {
            copy.Remove("parameters");
        }
        return copy.ToJsonString();
    }
}
