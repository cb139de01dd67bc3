using System.Text.Json.Nodes;
using OrleansGateway.Grains.Interfaces.Definitions;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>
/// Reads and writes the API's request validators where import keeps them, the root
/// <c>x-amazon-apigateway-request-validators</c> extension (name → flags), so imported and
/// API-created validators are one set and export writes them back unchanged.
/// </summary>
public static class RequestValidatorExtension
{
    /// <summary>The root extension's name.</summary>
    public const string Name = "x-amazon-apigateway-request-validators";

    /// <summary>The API-level default validator extension (methods without their own use it).</summary>
    public const string DefaultName = "x-amazon-apigateway-request-validator";

    /// <summary>The validators, by name in ordinal order.</summary>
    public static IReadOnlyList<RequestValidatorDefinition> Read(ApiDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var validators = new List<RequestValidatorDefinition>();
        if (definition.Extensions.TryGetValue(Name, out var json) && Parse(json) is JsonObject declared)
        {
            foreach (var (name, value) in declared)
            {
                validators.Add(new RequestValidatorDefinition(name, name, Flag(value, "validateRequestBody"), Flag(value, "validateRequestParameters")));
            }
        }
        validators.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return validators;
    }

    /// <summary>The definition with <paramref name="validators"/> as its validators (the extension is dropped when empty).</summary>
    public static ApiDefinition Write(ApiDefinition definition, IEnumerable<RequestValidatorDefinition> validators)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var json = new JsonObject();
        foreach (var validator in validators)
        {
            json[validator.Name] = new JsonObject
            {
                ["validateRequestBody"] = validator.ValidateRequestBody,
                ["validateRequestParameters"] = validator.ValidateRequestParameters,
            };
        }
        var extensions = new Dictionary<string, string>(definition.Extensions, StringComparer.Ordinal);
        if (json.Count == 0)
        {
            extensions.Remove(Name);
        }
        else
        {
            extensions[Name] = json.ToJsonString();
        }
        return definition with { Extensions = extensions };
    }

    /// <summary>The first method (<c>GET /pets</c>) that uses the validator, or null (the API-level default counts as <c>API default</c>).</summary>
    public static string? FirstUser(ApiDefinition definition, string validatorName)
    {
        ArgumentNullException.ThrowIfNull(definition);
        foreach (var resource in definition.Resources)
        {
            foreach (var (verb, method) in resource.Methods.OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                if (method.RequestValidatorName == validatorName)
                {
                    return verb + " " + resource.Path;
                }
            }
        }
        return definition.Extensions.TryGetValue(DefaultName, out var json) && Parse(json) is JsonValue value
            && value.TryGetValue<string>(out var name) && name == validatorName
            ? "API default (" + DefaultName + ")"
            : null;
    }

    /// <summary>The definition with every method that named <paramref name="oldName"/> naming <paramref name="newName"/>.</summary>
    public static ApiDefinition Rename(ApiDefinition definition, string oldName, string newName)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var resources = definition.Resources.Select(resource =>
            resource.Methods.Values.Any(m => m.RequestValidatorName == oldName)
                ? resource with
                {
                    Methods = resource.Methods.ToDictionary(
                        m => m.Key,
                        m => m.Value.RequestValidatorName == oldName ? m.Value with { RequestValidatorName = newName } : m.Value,
                        StringComparer.Ordinal),
                }
                : resource).ToList();
        var extensions = new Dictionary<string, string>(definition.Extensions, StringComparer.Ordinal);
        if (extensions.TryGetValue(DefaultName, out var json) && Parse(json) is JsonValue value && value.TryGetValue<string>(out var name) && name == oldName)
        {
            extensions[DefaultName] = JsonValue.Create(newName).ToJsonString();
        }
        return definition with { Resources = resources, Extensions = extensions };
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
            throw ManagementException.BadRequest("The stored request validators are not valid JSON; re-import the API");
        }
    }
}
