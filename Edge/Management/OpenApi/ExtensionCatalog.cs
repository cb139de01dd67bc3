using System.Text.Json.Nodes;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// The <c>x-amazon-apigateway-*</c> extensions this version knows, and which of them it enforces.
/// Every extension is stored whatever its status; the warnings tell the author which ones will not
/// change how the gateway behaves yet, so nothing is dropped or ignored silently.
/// </summary>
internal static class ExtensionCatalog
{
    public const string Prefix = "x-amazon-apigateway-";
    public const string AnyMethod = "x-amazon-apigateway-any-method";
    public const string RequestValidator = "x-amazon-apigateway-request-validator";
    public const string RequestValidators = "x-amazon-apigateway-request-validators";

    // Read at import into the model, which the gateway serves.
    private static readonly HashSet<string> Enforced = new(StringComparer.Ordinal)
    {
        IntegrationExtensionReader.Name, AnyMethod, ApiSettingsReader.BinaryMediaTypes,
        ApiSettingsReader.EndpointConfiguration, MethodSecurityReader.AuthTypeExtension, ApiSettingsReader.ApiKeySource,
        ApiSettingsReader.Policy,
        RequestValidators, RequestValidator, // enforced by DataPlane/Validation
    };

    // Known to API Gateway; kept for later features and export, not acted on by this version.
    private static readonly HashSet<string> StoredOnly = new(StringComparer.Ordinal)
    {
        MethodSecurityReader.AuthorizerExtension,
        "x-amazon-apigateway-gateway-responses", "x-amazon-apigateway-cors",
        "x-amazon-apigateway-documentation", ApiSettingsReader.MinimumCompressionSize, MethodSecurityReader.AuthExtension,
        "x-amazon-apigateway-importexport-version", "x-amazon-apigateway-tag-value", "x-amazon-apigateway-endpoint-access-mode",
        "x-amazon-apigateway-security-policy", "x-amazon-apigateway-integrations",
    };

    public static bool IsApiGatewayExtension(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>Extensions kept in the model: API Gateway's and this gateway's own <c>x-gateway-resilience</c>.</summary>
    public static bool IsStoredExtension(string name) =>
        IsApiGatewayExtension(name) || name == Edge.DataPlane.Integrations.Resilience.ResilienceExtension.Name;

    /// <summary>Adds one warning per extension occurrence that is unknown or not enforced, in document order.</summary>
    public static void CollectWarnings(JsonNode? node, string location, ICollection<string> warnings)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (IsApiGatewayExtension(key))
                    {
                        Classify(key, value, location, warnings);
                    }
                    CollectWarnings(value, DocumentLocation.Child(location, key), warnings);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    CollectWarnings(array[i], DocumentLocation.Index(location, i), warnings);
                }
                break;
        }
    }

    private static void Classify(string name, JsonNode? value, string location, ICollection<string> warnings)
    {
        if (Enforced.Contains(name))
        {
            // API keys from a Lambda authorizer's usageIdentifierKey need the authorizer, not enforced yet.
            if (name == ApiSettingsReader.ApiKeySource && value is JsonValue
                && string.Equals(value.ToString(), "AUTHORIZER", StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add($"{name} AUTHORIZER at {location}: stored; not enforced by this version");
            }
            return;
        }
        warnings.Add(StoredOnly.Contains(name)
            ? $"{name} at {location}: stored; not enforced by this version"
            : $"{name} at {location}: unknown extension; stored, not interpreted");
    }
}
