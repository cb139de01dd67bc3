using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.Management.Config;

/// <summary>
/// The built-in rules (Config's <c>Owner: AWS</c>), by source identifier, with the resource type each
/// evaluates. Names follow AWS's managed rules where one exists.
/// </summary>
internal static class BuiltInRules
{
    public const string EndpointTypeCheck = "API_GW_ENDPOINT_TYPE_CHECK";
    public const string AccessLoggingEnabled = "API_GW_ACCESS_LOGGING_ENABLED";
    public const string AssociatedWithWaf = "API_GW_ASSOCIATED_WITH_WAF";
    public const string CacheEncrypted = "API_GW_CACHE_ENABLED_AND_ENCRYPTED";
    public const string MinimumTls12 = "API_GW_SSL_MINIMUM_TLS_1_2";
    public const string MethodAuthorization = "API_GW_METHOD_AUTHORIZATION_REQUIRED";

    /// <summary>Built-in identifier → the resource type it evaluates.</summary>
    public static readonly IReadOnlyDictionary<string, string> ResourceTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [EndpointTypeCheck] = ConfigResourceTypes.RestApi,
        [AccessLoggingEnabled] = ConfigResourceTypes.Stage,
        [AssociatedWithWaf] = ConfigResourceTypes.Stage,
        [CacheEncrypted] = ConfigResourceTypes.Stage,
        [MinimumTls12] = ConfigResourceTypes.DataPlaneListener,
        [MethodAuthorization] = ConfigResourceTypes.RestApi,
    };

    /// <summary>Evaluates a live (not deleted) configuration; the annotation says why it is not compliant.</summary>
    public static (bool Compliant, string? Annotation) Evaluate(string identifier, JsonObject? parameters, JsonNode configuration) => identifier switch
    {
        EndpointTypeCheck => EndpointTypes(parameters, configuration),
        AccessLoggingEnabled => Text(configuration["accessLogSettings"]?["destinationArn"]) is { Length: > 0 }
            ? (true, null) : (false, "The stage has no access log destination."),
        AssociatedWithWaf => Text(configuration["webAclArn"]) is { Length: > 0 }
            ? (true, null) : (false, "No web ACL is associated with the stage."),
        CacheEncrypted => Cache(configuration),
        MinimumTls12 => Text(configuration["minimumTlsVersion"]) is "1.2" or "1.3" or "TLS_1_2" or "TLS_1_3"
            ? (true, null) : (false, $"Minimum TLS version is {Text(configuration["minimumTlsVersion"])}."),
        MethodAuthorization => Methods(configuration),
        _ => (false, "Unknown built-in rule."),
    };

    private static (bool, string?) EndpointTypes(JsonObject? parameters, JsonNode configuration)
    {
        var allowed = (Text(parameters?["endpointConfigurationTypes"]) ?? "PRIVATE").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var types = configuration["endpointConfiguration"]?["types"] as JsonArray ?? [];
        var wrong = types.Select(Text).Where(t => t is null || !allowed.Contains(t)).ToList();
        return wrong.Count == 0 ? (true, null) : (false, $"Endpoint type {string.Join(",", wrong)} is not one of {string.Join(",", allowed)}.");
    }

    private static (bool, string?) Cache(JsonNode configuration)
    {
        var settings = configuration["methodSettings"] as JsonObject ?? [];
        var unencrypted = settings.Where(s => s.Value?["cachingEnabled"]?.GetValue<bool>() == true && s.Value?["cacheDataEncrypted"]?.GetValue<bool>() != true).Select(s => s.Key).ToList();
        if (unencrypted.Count > 0)
        {
            return (false, $"Caching without encryption on {string.Join(", ", unencrypted)}.");
        }
        var clusterOn = configuration["cacheClusterEnabled"]?.GetValue<bool>() == true;
        return !clusterOn || settings.Any(s => s.Value?["cacheDataEncrypted"]?.GetValue<bool>() == true)
            ? (true, null) : (false, "The cache is enabled but cache data encryption is not.");
    }

    private static (bool, string?) Methods(JsonNode configuration)
    {
        var open = (configuration["methods"] as JsonArray ?? [])
            .Where(m => Text(m?["httpMethod"]) != "OPTIONS" && m?["apiKeyRequired"]?.GetValue<bool>() != true && Text(m?["authorizationType"]) is null or "NONE")
            .Select(m => $"{Text(m?["httpMethod"])} {Text(m?["path"])}")
            .ToList();
        return open.Count == 0 ? (true, null) : (false, $"Neither an API key nor an authorizer on {string.Join(", ", open.Take(10))}{(open.Count > 10 ? ", …" : "")}.");
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
