using System.Text.Json.Nodes;

namespace OrleansGateway.Grains.Interfaces.Definitions;

/// <summary>
/// Reads and writes <c>x-amazon-apigateway-gateway-responses</c> as kept in
/// <see cref="ApiDefinition.Extensions"/>: the one place gateway responses are stored, whether they
/// came from an OpenAPI import or from PutGatewayResponse.
/// </summary>
public static class GatewayResponseExtension
{
    /// <summary>The root extension's name.</summary>
    public const string Name = "x-amazon-apigateway-gateway-responses";

    /// <summary>The most headers (response parameters) or templates one response may have; bounds stored input.</summary>
    public const int MaxEntries = 50;

    /// <summary>The longest template accepted (characters).</summary>
    public const int MaxTemplateLength = 32 * 1024;

    /// <summary>API Gateway's response types, in its documentation's order.</summary>
    public static IReadOnlyList<string> ResponseTypes { get; } =
    [
        "ACCESS_DENIED", "API_CONFIGURATION_ERROR", "AUTHORIZER_CONFIGURATION_ERROR", "AUTHORIZER_FAILURE",
        "BAD_REQUEST_PARAMETERS", "BAD_REQUEST_BODY", "DEFAULT_4XX", "DEFAULT_5XX", "EXPIRED_TOKEN",
        "INTEGRATION_FAILURE", "INTEGRATION_TIMEOUT", "INVALID_API_KEY", "INVALID_SIGNATURE",
        "MISSING_AUTHENTICATION_TOKEN", "QUOTA_EXCEEDED", "REQUEST_TOO_LARGE", "RESOURCE_NOT_FOUND",
        "THROTTLED", "UNAUTHORIZED", "UNSUPPORTED_MEDIA_TYPE", "WAF_FILTERED",
    ];

    /// <summary>True when <paramref name="responseType"/> is one of <see cref="ResponseTypes"/>.</summary>
    public static bool IsResponseType(string responseType) => ResponseTypes.Contains(responseType, StringComparer.Ordinal);

    /// <summary>The customised responses of <paramref name="definition"/>, keyed by type; empty when none.</summary>
    /// <exception cref="FormatException">The stored extension is not the expected shape.</exception>
    public static IReadOnlyDictionary<string, GatewayResponseDefinition> Read(ApiDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Extensions.TryGetValue(Name, out var json) ? Parse(json) : new Dictionary<string, GatewayResponseDefinition>();
    }

    /// <summary>Parses the extension's JSON object.</summary>
    /// <exception cref="FormatException">Not an object of response type → response object, or an unknown type.</exception>
    public static Dictionary<string, GatewayResponseDefinition> Parse(string json)
    {
        var responses = new Dictionary<string, GatewayResponseDefinition>(StringComparer.Ordinal);
        var root = JsonNode.Parse(json);
        if (root is null)
        {
            return responses;
        }
        if (root is not JsonObject types)
        {
            throw new FormatException($"{Name} must be an object");
        }
        foreach (var (type, value) in types)
        {
            if (!IsResponseType(type))
            {
                throw new FormatException($"{Name}: unknown response type '{type}'");
            }
            if (value is not JsonObject response)
            {
                throw new FormatException($"{Name}.{type} must be an object");
            }
            var status = response["statusCode"] switch
            {
                null => null,
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v when v.TryGetValue<int>(out var i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new FormatException($"{Name}.{type}.statusCode must be a string"),
            };
            if (status is not null && !IsStatusCode(status))
            {
                throw new FormatException($"{Name}.{type}.statusCode must be a status code from 100 to 599, found '{status}'");
            }
            responses[type] = new GatewayResponseDefinition(type, status,
                StringMap(response["responseParameters"], $"{type}.responseParameters"),
                StringMap(response["responseTemplates"], $"{type}.responseTemplates"));
        }
        return responses;
    }

    /// <summary>Checks one response's parts (as PutGatewayResponse receives them); null when valid, else why not.</summary>
    public static string? Problem(GatewayResponseDefinition response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!IsResponseType(response.ResponseType))
        {
            return $"Invalid response type '{response.ResponseType}'";
        }
        if (response.StatusCode is { } status && !IsStatusCode(status))
        {
            return $"Invalid status code '{status}'";
        }
        if (response.ResponseParameters.Count > MaxEntries || response.ResponseTemplates.Count > MaxEntries)
        {
            return $"At most {MaxEntries} response parameters and {MaxEntries} response templates are allowed";
        }
        foreach (var key in response.ResponseParameters.Keys)
        {
            if (!key.StartsWith("gatewayresponse.header.", StringComparison.Ordinal) || key.Length == "gatewayresponse.header.".Length)
            {
                return $"Invalid mapping expression specified: {key}";
            }
        }
        return response.ResponseTemplates.Values.Any(t => t.Length > MaxTemplateLength)
            ? $"A response template is longer than {MaxTemplateLength} characters"
            : null;
    }

    /// <summary>The extension's JSON for <paramref name="responses"/>; null when there are none (the extension is removed).</summary>
    public static string? Write(IEnumerable<GatewayResponseDefinition> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var root = new JsonObject();
        foreach (var response in responses.OrderBy(r => r.ResponseType, StringComparer.Ordinal))
        {
            var entry = new JsonObject();
            if (response.StatusCode is not null)
            {
                entry["statusCode"] = response.StatusCode;
            }
            if (response.ResponseParameters.Count > 0)
            {
                entry["responseParameters"] = ToObject(response.ResponseParameters);
            }
            if (response.ResponseTemplates.Count > 0)
            {
                entry["responseTemplates"] = ToObject(response.ResponseTemplates);
            }
            root[response.ResponseType] = entry;
        }
        return root.Count == 0 ? null : root.ToJsonString();
    }

    private static bool IsStatusCode(string status) =>
        status.Length == 3 && int.TryParse(status, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
        && code is >= 100 and <= 599;

    private static JsonObject ToObject(IReadOnlyDictionary<string, string> map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map)
        {
            obj[key] = value;
        }
        return obj;
    }

    private static Dictionary<string, string> StringMap(JsonNode? node, string location)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return map;
        }
        if (node is not JsonObject obj)
        {
            throw new FormatException($"{Name}.{location} must be an object");
        }
        foreach (var (key, value) in obj)
        {
            map[key] = value is JsonValue v && v.TryGetValue<string>(out var s)
                ? s
                : throw new FormatException($"{Name}.{location}.{key} must be a string");
        }
        return map;
    }
}
