using System.Text.Json.Nodes;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>
/// A method's <c>requestModels</c> as the OpenAPI operation holds them: <c>requestBody.content.{type}.schema</c>
/// referencing <c>#/components/schemas/{model}</c>, which is what the validation compiler and export read.
/// </summary>
public static class OperationRequestModels
{
    private const string ComponentSchemaPrefix = "#/components/schemas/";

    /// <summary>The operation JSON with <paramref name="contentType"/>'s model set to <paramref name="model"/> (null removes it).</summary>
    public static string Set(string? operationJson, string contentType, string? model)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        JsonObject operation;
        try
        {
            operation = (operationJson is null ? null : JsonNode.Parse(operationJson) as JsonObject) ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            throw ManagementException.BadRequest("The stored method is not valid JSON; re-import the API");
        }
        var requestBody = operation["requestBody"] as JsonObject ?? [];
        var content = requestBody["content"] as JsonObject ?? [];
        var mediaType = contentType.Trim().ToLowerInvariant();
        if (model is null)
        {
            content.Remove(mediaType);
        }
        else
        {
            var media = content[mediaType] as JsonObject ?? [];
            media["schema"] = new JsonObject { ["$ref"] = ComponentSchemaPrefix + model };
            content[mediaType] = media;
        }
        if (content.Count == 0)
        {
            operation.Remove("requestBody");
        }
        else
        {
            requestBody["content"] = content;
            operation["requestBody"] = requestBody;
        }
        return operation.ToJsonString();
    }

    /// <summary>The model names the operation's request body references directly, by media type.</summary>
    public static IReadOnlyDictionary<string, string> Read(string? operationJson)
    {
        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        if (operationJson is null || JsonNode.Parse(operationJson)?["requestBody"]?["content"] is not JsonObject content)
        {
            return models;
        }
        foreach (var (mediaType, media) in content)
        {
            if (media?["schema"]?["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target)
                && target.StartsWith(ComponentSchemaPrefix, StringComparison.Ordinal))
            {
                models[mediaType] = target[ComponentSchemaPrefix.Length..];
            }
        }
        return models;
    }
}
