using System.Text.Json.Nodes;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>Reads <c>paths</c> into resources and methods, under the base path the import mode gives.</summary>
internal static class ResourceReader
{
    /// <summary>Operation keys of a path item and the method each creates.</summary>
    public static readonly IReadOnlyDictionary<string, string> OperationKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["get"] = "GET", ["put"] = "PUT", ["post"] = "POST", ["delete"] = "DELETE",
        ["options"] = "OPTIONS", ["head"] = "HEAD", ["patch"] = "PATCH", [ExtensionCatalog.AnyMethod] = "ANY",
    };

    public static IReadOnlyList<ResourceDefinition> Read(JsonObject document, IReadOnlyList<string> prefix, List<string> warnings)
    {
        var tree = new ResourceTree();
        var methods = new MethodDefinitionReader(document, warnings);
        foreach (var (path, value) in (JsonObject)document["paths"]!)
        {
            var location = "paths." + path;
            var segments = prefix.Concat(ResourcePaths.Segments(path, location)).ToArray();
            if (LocalReference.Resolve(document, value, location) is not JsonObject item)
            {
                throw ImportJson.Error(location, $"expected a path item object, found {ImportJson.Describe(value)}");
            }
            var resource = tree.Add(segments, location);
            var pathExtensions = item
                .Where(p => ExtensionCatalog.IsApiGatewayExtension(p.Key) && p.Key != ExtensionCatalog.AnyMethod)
                .ToDictionary(p => p.Key, p => p.Value?.ToJsonString() ?? "null", StringComparer.Ordinal);
            var methodCount = 0;
            foreach (var (key, operationNode) in item)
            {
                if (key == "trace")
                {
                    throw ImportJson.Error(DocumentLocation.Operation(path, key), "API Gateway does not support the TRACE method");
                }
                if (!OperationKeys.TryGetValue(key, out var httpMethod))
                {
                    continue;
                }
                var operationAt = DocumentLocation.Operation(path, key);
                if (ImportJson.Object(operationNode, operationAt) is not { } operation)
                {
                    throw ImportJson.Error(operationAt, "expected an operation object, found null");
                }
                if (resource.ContainsKey(httpMethod))
                {
                    throw ImportJson.Error(operationAt, $"{httpMethod} on resource '{ResourcePaths.Join(segments)}' is already defined by another path");
                }
                resource[httpMethod] = methods.Read(httpMethod, operation, operationAt, segments, item["parameters"] as JsonArray, pathExtensions);
                methodCount++;
            }
            if (methodCount == 0 && pathExtensions.Count > 0)
            {
                warnings.Add($"{string.Join(", ", pathExtensions.Keys)} at {location}: the path has no methods to keep it on; not stored");
            }
        }
        return tree.ToList();
    }
}
