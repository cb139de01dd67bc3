using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OrleansGateway.Edge.DataPlane.Integrations.Mappings;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Reads <c>x-amazon-apigateway-integration</c> into an <see cref="IntegrationDefinition"/> with
/// API Gateway's normalisation (upper-case enums, 29 s default timeout, <c>INTERNET</c> connection
/// for HTTP types). Fields the model has no slot for (credentials, tlsConfig...) stay in the raw
/// extension kept in the operation JSON.
/// </summary>
internal static partial class IntegrationExtensionReader
{
    public const string Name = "x-amazon-apigateway-integration";

    private static readonly string[] Types = ["HTTP", "HTTP_PROXY", "MOCK", "AWS", "AWS_PROXY"];
    private static readonly string[] PassthroughBehaviors = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"];
    private static readonly string[] ContentHandlings = ["CONVERT_TO_TEXT", "CONVERT_TO_BINARY"];
    private static readonly string[] ConnectionTypes = ["INTERNET", "VPC_LINK"];

    public static IntegrationDefinition Read(JsonObject integration, string location, ICollection<string> warnings)
    {
        var type = Enum(integration, "type", location, Types)
            ?? throw ImportJson.Error(DocumentLocation.Child(location, "type"), "required; one of http, http_proxy, mock, aws, aws_proxy");
        // A mock integration calls nothing; API Gateway drops its httpMethod (recorded import).
        var httpMethod = type == "MOCK" ? null : ImportJson.Scalar(integration, "httpMethod", location)?.ToUpperInvariant();
        var uri = ImportJson.Scalar(integration, "uri", location);
        var isHttp = type is "HTTP" or "HTTP_PROXY";
        if (isHttp)
        {
            if (string.IsNullOrEmpty(httpMethod))
            {
                throw ImportJson.Error(DocumentLocation.Child(location, "httpMethod"), $"required for type {type.ToLowerInvariant()}");
            }
            if (!IsAbsoluteHttpUri(uri))
            {
                throw ImportJson.Error(DocumentLocation.Child(location, "uri"),
                    $"type {type.ToLowerInvariant()} needs an absolute http:// or https:// URI, found {(uri is null ? "none" : $"'{uri}'")}");
            }
        }
        else if (type is "AWS" or "AWS_PROXY")
        {
            warnings.Add($"{Name} at {Parent(location)}: type {type.ToLowerInvariant()} is stored but not supported by this gateway; the method will answer 500 INTEGRATION_FAILURE");
        }

        var timeout = ImportJson.Integer(integration, "timeoutInMillis", location) ?? IntegrationDefinition.DefaultTimeoutInMillis;
        if (timeout is < IntegrationDefinition.MinimumTimeoutInMillis or > IntegrationDefinition.DefaultTimeoutInMillis)
        {
            throw ImportJson.Error(DocumentLocation.Child(location, "timeoutInMillis"),
                $"{timeout} is outside {IntegrationDefinition.MinimumTimeoutInMillis}-{IntegrationDefinition.DefaultTimeoutInMillis} milliseconds");
        }

        var connectionType = Enum(integration, "connectionType", location, ConnectionTypes) ?? (isHttp ? "INTERNET" : null);
        if (connectionType == "VPC_LINK")
        {
            warnings.Add($"{Name} at {Parent(location)}: connectionType VPC_LINK is stored but this gateway calls the uri directly");
        }

        var requestParameters = ImportJson.MappingExpressions(integration, "requestParameters", location, warnings);
        Check(MappingRules.CheckRequest(requestParameters), DocumentLocation.Child(location, "requestParameters"));

        return new IntegrationDefinition(
            type,
            httpMethod,
            uri,
            timeout,
            requestParameters,
            ImportJson.StringMap(integration, "requestTemplates", location),
            Responses(integration, location, warnings),
            Enum(integration, "passthroughBehavior", location, PassthroughBehaviors) ?? "WHEN_NO_MATCH",
            connectionType,
            Enum(integration, "contentHandling", location, ContentHandlings),
            ImportJson.StringList(integration, "cacheKeyParameters", location),
            ImportJson.Scalar(integration, "cacheNamespace", location))
        {
            ResponseParameters = StatusResponseParameters(integration, location, warnings),
        };
    }

    /// <summary>HTTP API style <c>responseParameters</c>: status code → mappings (HTTP_PROXY).</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, string>> StatusResponseParameters(JsonObject integration, string location, ICollection<string> warnings)
    {
        var at = DocumentLocation.Child(location, "responseParameters");
        var byStatus = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (integration["responseParameters"] is not { } node || node.GetValueKind() == System.Text.Json.JsonValueKind.Null)
        {
            return byStatus;
        }
        if (node is not JsonObject statuses)
        {
            throw ImportJson.Error(at, $"expected an object keyed by status code, found {ImportJson.Describe(node)}");
        }
        if (statuses.Count > MappingRules.MaxStatusCodes)
        {
            throw ImportJson.Error(at, $"{statuses.Count} status codes; at most {MappingRules.MaxStatusCodes} are allowed");
        }
        foreach (var (status, _) in statuses)
        {
            var statusAt = DocumentLocation.Child(at, status);
            if (MappingRules.CheckStatusCode(status) is { } problem)
            {
                throw ImportJson.Error(statusAt, problem);
            }
            var mappings = ImportJson.MappingExpressions(statuses, status, at, warnings);
            Check(MappingRules.CheckResponse(mappings), statusAt);
            byStatus[status] = mappings;
        }
        return byStatus;
    }

    private static void Check((string Key, string Message)? problem, string location)
    {
        if (problem is { } found)
        {
            throw ImportJson.Error(found.Key.Length == 0 ? location : DocumentLocation.Child(location, found.Key), found.Message);
        }
    }

    /// <summary>
    /// An absolute http(s) URI once <c>${stageVariables.x}</c> and <c>{param}</c> placeholders are
    /// given sample values: those are resolved per request, so the host itself may be a variable.
    /// </summary>
    public static bool IsAbsoluteHttpUri(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return false;
        }
        var sample = Placeholder().Replace(uri, "placeholder");
        return Uri.TryCreate(sample, UriKind.Absolute, out var parsed)
            && parsed.Scheme is "http" or "https"
            && parsed.Host.Length > 0;
    }

    private static IReadOnlyList<IntegrationResponseDefinition> Responses(JsonObject integration, string location, ICollection<string> warnings)
    {
        var at = DocumentLocation.Child(location, "responses");
        if (integration["responses"] is null)
        {
            return [];
        }
        if (integration["responses"] is not JsonObject responses)
        {
            throw ImportJson.Error(at, $"expected an object, found {ImportJson.Describe(integration["responses"])}");
        }
        var list = new List<IntegrationResponseDefinition>(responses.Count);
        foreach (var (pattern, value) in responses)
        {
            var responseAt = DocumentLocation.Child(at, pattern);
            if (value is not JsonObject response)
            {
                throw ImportJson.Error(responseAt, $"expected an object, found {ImportJson.Describe(value)}");
            }
            var statusCode = ImportJson.Scalar(response, "statusCode", responseAt)
                ?? throw ImportJson.Error(DocumentLocation.Child(responseAt, "statusCode"), "required");
            var responseParameters = ImportJson.MappingExpressions(response, "responseParameters", responseAt, warnings);
            Check(MappingRules.CheckIntegrationResponse(responseParameters), DocumentLocation.Child(responseAt, "responseParameters"));
            list.Add(new IntegrationResponseDefinition(
                pattern,
                statusCode,
                responseParameters,
                ImportJson.StringMap(response, "responseTemplates", responseAt),
                Enum(response, "contentHandling", responseAt, ContentHandlings)));
        }
        return list;
    }

    private static string? Enum(JsonObject obj, string name, string location, string[] allowed)
    {
        var value = ImportJson.Scalar(obj, name, location);
        if (value is null)
        {
            return null;
        }
        var upper = value.ToUpperInvariant();
        return allowed.Contains(upper)
            ? upper
            : throw ImportJson.Error(DocumentLocation.Child(location, name),
                $"'{value}' is not one of {string.Join(", ", allowed.Select(a => a.ToLowerInvariant()))}");
    }

    // Warnings name the operation ("at paths./a.get"), the extension name already says the rest.
    private static string Parent(string location) =>
        location.EndsWith("." + Name, StringComparison.Ordinal) ? location[..^(Name.Length + 1)] : location;

    [GeneratedRegex(@"\$\{[^}]*\}|\{[^}]*\}")]
    private static partial Regex Placeholder();
}
