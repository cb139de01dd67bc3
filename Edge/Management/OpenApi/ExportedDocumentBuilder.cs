using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OrleansGateway.Edge.Management.Authorizers;
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
        // The imported servers are replaced by the stage's; their API Gateway extensions carry over.
        var serverExtensions = ServerExtensions(imported["servers"], deployment.Api);

        var document = new JsonObject
        {
            ["openapi"] = imported["openapi"]?.DeepClone() ?? "3.0.1",
            ["info"] = Info(imported["info"] as JsonObject, deployment),
            ["servers"] = new JsonArray(Server(host, stageName, swagger ? [] : serverExtensions)),
            ["paths"] = new JsonObject(),
        };
        foreach (var (key, value) in imported.Where(p => !document.ContainsKey(p.Key)))
        {
            document[key] = value?.DeepClone();
        }
        foreach (var (name, value) in deployment.Definition.Extensions)
        {
            document[name] = StoredJson.ParseValue(value);
        }
        ApplySettings(document, deployment.Api);
        if (swagger)
        {
            // Swagger 2 has no servers to carry them, so they sit at the root there.
            foreach (var (name, value) in serverExtensions)
            {
                document[name] = value?.DeepClone();
            }
        }
        AuthorizerSecuritySchemes.Write(document, deployment.Definition.Authorizers);
        document["paths"] = Paths(AuthorizerSecuritySchemes.ReferByName(deployment.Definition), document);
        return document;
    }

    private static JsonObject Info(JsonObject? imported, DeploymentSnapshot deployment)
    {
        var info = imported?.DeepClone() as JsonObject ?? [];
        info["title"] = deployment.Api.Name;
        // API Gateway exports the deployment time as the version.
        info["version"] = deployment.CreatedDate.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Set(info, "description", deployment.Api.Description);
        return info;
    }

    private static JsonObject Server(string host, string stageName, JsonObject extensions)
    {
        var server = new JsonObject
        {
            ["url"] = $"https://{host}/{{basePath}}",
            ["variables"] = new JsonObject { ["basePath"] = new JsonObject { ["default"] = "/" + stageName } },
        };
        foreach (var (name, value) in extensions)
        {
            server[name] = value?.DeepClone();
        }
        return server;
    }

    private static JsonObject Paths(IReadOnlyList<ResourceDefinition> resources, JsonObject document)
    {
        var paths = new JsonObject();
        var parents = resources.Select(r => r.Path).Where(p => p != "/").Select(p => p[..Math.Max(1, p.LastIndexOf('/'))]).ToHashSet(StringComparer.Ordinal);
        foreach (var resource in resources.OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            if (resource.Methods.Count == 0 && (parents.Contains(resource.Path) || resource.Path == "/"))
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
        return paths;
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

    private static JsonObject ServerExtensions(JsonNode? importedServers, RestApiInfo api)
    {
        var extensions = new JsonObject();
        foreach (var server in (importedServers as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            foreach (var (name, value) in server.Where(p => ExtensionCatalog.IsApiGatewayExtension(p.Key)))
            {
                extensions.TryAdd(name, value?.DeepClone());
            }
        }
        Set(extensions, ApiSettingsReader.EndpointConfiguration, EndpointConfiguration(api, extensions[ApiSettingsReader.EndpointConfiguration]));
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
