using System.Text.Json.Nodes;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Writes an <see cref="IntegrationDefinition"/> back as <c>x-amazon-apigateway-integration</c>, in
/// the lower-case spelling API Gateway exports. The model wins over the imported extension (it may
/// have been changed since); fields the model has no slot for (credentials, tlsConfig...) are kept
/// from the imported extension.
/// </summary>
internal static class IntegrationExtensionWriter
{
    public static JsonObject Write(IntegrationDefinition integration, JsonNode? imported)
    {
        var json = imported is JsonObject original && original["$ref"] is null ? (JsonObject)original.DeepClone() : [];
        json["type"] = integration.Type.ToLowerInvariant();
        if (integration.HttpMethod is not null)
        {
            // A mock's httpMethod is dropped from the model (as AWS does) but kept in the document.
            json["httpMethod"] = integration.HttpMethod;
        }
        Set(json, "uri", integration.Uri);
        if (integration.TimeoutInMillis != IntegrationDefinition.DefaultTimeoutInMillis || json.ContainsKey("timeoutInMillis"))
        {
            json["timeoutInMillis"] = integration.TimeoutInMillis;
        }
        Set(json, "requestParameters", Map(integration.RequestParameters));
        Set(json, "requestTemplates", Map(integration.RequestTemplates));
        Set(json, "responses", Responses(integration.Responses));
        Set(json, "responseParameters", integration.ResponseParameters.Count == 0
            ? null
            : new JsonObject(integration.ResponseParameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)(Map(p.Value) ?? new JsonObject())))));
        Set(json, "passthroughBehavior", integration.PassthroughBehavior?.ToLowerInvariant());
        // INTERNET is the default; write it only when the imported document did.
        Set(json, "connectionType", integration.ConnectionType == "INTERNET" && !json.ContainsKey("connectionType") ? null : integration.ConnectionType);
        Set(json, "contentHandling", integration.ContentHandling);
        Set(json, "cacheKeyParameters", integration.CacheKeyParameters.Count == 0 ? null : new JsonArray(integration.CacheKeyParameters.Select(p => (JsonNode?)p).ToArray()));
        Set(json, "cacheNamespace", integration.CacheNamespace);
        return json;
    }

    private static JsonObject? Responses(IReadOnlyList<IntegrationResponseDefinition> responses)
    {
        if (responses.Count == 0)
        {
            return null;
        }
        var json = new JsonObject();
        foreach (var response in responses)
        {
            var entry = new JsonObject { ["statusCode"] = response.StatusCode };
            Set(entry, "responseParameters", Map(response.ResponseParameters));
            Set(entry, "responseTemplates", Map(response.ResponseTemplates));
            Set(entry, "contentHandling", response.ContentHandling);
            json[response.SelectionPattern] = entry;
        }
        return json;
    }

    private static JsonObject? Map(IReadOnlyDictionary<string, string> map) =>
        map.Count == 0 ? null : new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));

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
