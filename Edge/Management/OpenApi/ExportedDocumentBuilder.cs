using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Rebuilds an OpenAPI 3 document from a deployment: the imported document (minus paths) as the
/// base, paths from the resources, the API's current settings as root extensions, and a server
/// pointing at the stage the way API Gateway exports it (<c>https://{host}/{basePath}</c> with the
/// stage as the <c>basePath</c> variable).
/// </summary>
internal static class ExportedDocumentBuilder
{
    public static JsonObject Build(DeploymentSnapshot deployment, string stageName, string host, bool swagger)
    {
        var imported = deployment.Definition.DocumentJson is { } text && StoredJson.Parse(text) is JsonObject parsed ? parsed : [];
        var api = deployment.Api;

        var info = imported["info"] as JsonObject ?? [];
        info["title"] = api.Name;
        // API Gateway exports the deployment time as the version.
        info["version"] = deployment.CreatedDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (api.Description is { } description)
        {
            info["description"] = description;
        }
        else
        {
            info.Remove("description");
        }

        var server = new JsonObject
        {
            ["url"] = $"https://{host}/{{basePath}}",
            ["variables"] = new JsonObject { ["basePath"] = new JsonObject { ["default"] = "/" + stageName } },
        };
        // The imported servers are replaced by the stage's; their API Gateway extensions carry over.
        var serverExtensions = ServerExtensions(imported["servers"]);
        Set(serverExtensions, ApiSettingsReader.EndpointConfiguration, EndpointConfiguration(api, serverExtensions[ApiSettingsReader.EndpointConfiguration]));
        if (!swagger)
        {
            foreach (var (name, value) in serverExtensions)
            {
                server[name] = value?.DeepClone();
            }
        }

        var document = new JsonObject
        {
            ["openapi"] = imported["openapi"]?.DeepClone() ?? "3.0.1",
            ["info"] = info.DeepClone(),
            ["servers"] = new JsonArray(server),
        };
        var paths = new JsonObject();
        document["paths"] = paths;
        foreach (var (key, value) in imported)
        {
            if (key is not ("openapi" or "info" or "servers" or "paths"))
            {
                document[key] = value?.DeepClone();
            }
        }
        foreach (var (name, value) in deployment.Definition.Extensions)
        {
            document[name] = StoredJson.ParseValue(value);
        }
        ApplySettings(document, api);
        if (swagger)
        {
            // Swagger 2 has no servers to carry them, so they sit at the root there.
            foreach (var (name, value) in serverExtensions)
            {
                document[name] = value?.DeepClone();
            }
        }

        var resources = deployment.Definition.Resources.OrderBy(r => r.Path, StringComparer.Ordinal).ToArray();
        foreach (var resource in resources)
        {
            var isLeaf = !resources.Any(r => r.Path.StartsWith(resource.Path == "/" ? "/" : resource.Path + "/", StringComparison.Ordinal) && r.Path != resource.Path);
            if (resource.Methods.Count == 0 && (!isLeaf || resource.Path == "/"))
            {
                continue; // intermediate resources come back on import by themselves
            }
            var item = new JsonObject();
            foreach (var (httpMethod, method) in resource.Methods)
            {
                var key = httpMethod == "ANY" ? ExtensionCatalog.AnyMethod : httpMethod.ToLowerInvariant();
                item[key] = ExportedOperationBuilder.Build(method, resource.Path, document);
            }
            paths[resource.Path] = item;
        }
        return document;
    }

    /// <summary>Root extensions backed by API settings follow the settings, which may have changed since import.</summary>
    private static void ApplySettings(JsonObject document, RestApiInfo api)
    {
        Set(document, ApiSettingsReader.BinaryMediaTypes,
            api.BinaryMediaTypes.Count == 0 ? null : new JsonArray(api.BinaryMediaTypes.Select(t => (JsonNode?)t).ToArray()));
        Set(document, ApiSettingsReader.MinimumCompressionSize, api.MinimumCompressionSize is { } size ? size : null);
        Set(document, ApiSettingsReader.Policy, api.Policy is null ? null : PolicyNode(api.Policy));
        if (api.ApiKeySource != "HEADER" || document.ContainsKey(ApiSettingsReader.ApiKeySource))
        {
            document[ApiSettingsReader.ApiKeySource] = api.ApiKeySource;
        }
    }

    private static JsonObject ServerExtensions(JsonNode? importedServers)
    {
        var extensions = new JsonObject();
        foreach (var server in (importedServers as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            foreach (var (name, value) in server.Where(p => ExtensionCatalog.IsApiGatewayExtension(p.Key)))
            {
                extensions.TryAdd(name, value?.DeepClone());
            }
        }
        return extensions;
    }

    private static JsonObject? EndpointConfiguration(RestApiInfo api, JsonNode? imported)
    {
        var configuration = imported?.DeepClone() as JsonObject;
        if (api.DisableExecuteApiEndpoint || configuration?.ContainsKey("disableExecuteApiEndpoint") == true)
        {
            configuration ??= [];
            configuration["disableExecuteApiEndpoint"] = api.DisableExecuteApiEndpoint;
        }
        if (api.EndpointConfiguration.VpcEndpointIds.Count > 0)
        {
            configuration ??= [];
            configuration["vpcEndpointIds"] = new JsonArray(api.EndpointConfiguration.VpcEndpointIds.Select(v => (JsonNode?)v).ToArray());
        }
        return configuration;
    }

    private static JsonNode PolicyNode(string policy)
    {
        try
        {
            return StoredJson.Parse(policy) ?? policy;
        }
        catch (JsonException)
        {
            return policy;
        }
    }

    private static void Set(JsonObject json, string name, JsonNode? value)
    {
        if (value is null)
        {
            json.Remove(name);
        }
        else
        {
            json[name] = value;
        }
    }
}
