using System.Text.Json.Nodes;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Root-level <c>x-amazon-apigateway-*</c> extensions as raw JSON keyed by name, for
/// <see cref="Grains.Interfaces.Definitions.ApiDefinition.Extensions"/>. Object-valued ones written
/// as strings holding JSON are stored as the object, so later readers see one shape.
/// </summary>
internal static class RootExtensionReader
{
    public static Dictionary<string, string> Read(JsonObject document)
    {
        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in document)
        {
            if (!ExtensionCatalog.IsStoredExtension(key))
            {
                continue;
            }
            extensions[key] = ObjectValuedRootExtensions.Contains(key)
                ? ImportJson.Object(value, key)?.ToJsonString() ?? "null"
                : value?.ToJsonString() ?? "null";
        }
        ValidateRequestValidators(document);
        ValidateCors(extensions);
        ValidateGatewayResponses(extensions);
        return extensions;
    }

    private static readonly HashSet<string> ObjectValuedRootExtensions = new(StringComparer.Ordinal)
    {
        ApiSettingsReader.Policy, ApiSettingsReader.EndpointConfiguration, ExtensionCatalog.RequestValidators,
        GatewayResponseExtension.Name, "x-amazon-apigateway-cors", "x-amazon-apigateway-documentation",
    };

    private static void ValidateCors(Dictionary<string, string> extensions)
    {
        var name = DataPlane.Cors.CorsConfiguration.Extension;
        if (extensions.TryGetValue(name, out var json) && json != "null"
            && !DataPlane.Cors.CorsConfiguration.TryParse(json, out _, out var error))
        {
            throw ImportJson.Error(name, error!);
        }
    }

    /// <summary>Bad gateway responses fail the import, as in API Gateway, rather than the next deployment.</summary>
    private static void ValidateGatewayResponses(Dictionary<string, string> extensions)
    {
        if (!extensions.TryGetValue(GatewayResponseExtension.Name, out var json))
        {
            return;
        }
        try
        {
            foreach (var response in GatewayResponseExtension.Parse(json).Values)
            {
                if (GatewayResponseExtension.Problem(response) is { } problem)
                {
                    throw ImportJson.Error(DocumentLocation.Child(GatewayResponseExtension.Name, response.ResponseType), problem);
                }
            }
        }
        catch (FormatException e)
        {
            throw ImportJson.Error(GatewayResponseExtension.Name, e.Message);
        }
    }

    private static void ValidateRequestValidators(JsonObject document)
    {
        var validators = ImportJson.Object(document[ExtensionCatalog.RequestValidators], ExtensionCatalog.RequestValidators);
        foreach (var (name, value) in validators ?? [])
        {
            var at = DocumentLocation.Child(ExtensionCatalog.RequestValidators, name);
            var validator = value as JsonObject ?? throw ImportJson.Error(at, $"expected an object, found {ImportJson.Describe(value)}");
            ImportJson.Boolean(validator, "validateRequestBody", at);
            ImportJson.Boolean(validator, "validateRequestParameters", at);
        }
    }
}
