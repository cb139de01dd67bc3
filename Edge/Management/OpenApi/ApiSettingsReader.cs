using System.Text.Json.Nodes;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>
/// Reads the API's own settings from the document: <c>info</c> and the root-level extensions that
/// map onto <see cref="RestApiInfo"/> fields. The endpoint configuration sits under a server in
/// OpenAPI 3 and at the root in Swagger 2; both places are read.
/// </summary>
internal static class ApiSettingsReader
{
    public const string BinaryMediaTypes = "x-amazon-apigateway-binary-media-types";
    public const string ApiKeySource = "x-amazon-apigateway-api-key-source";
    public const string EndpointConfiguration = "x-amazon-apigateway-endpoint-configuration";
    public const string Policy = "x-amazon-apigateway-policy";
    public const string MinimumCompressionSize = "x-amazon-apigateway-minimum-compression-size";

    private const int MaximumCompressionSize = 10_485_760;
    private static readonly string[] EndpointTypes = ["EDGE", "REGIONAL", "PRIVATE"];

    public static ImportedApiSettings Read(JsonObject document, IReadOnlyList<string>? overrideTypes)
    {
        var info = document["info"] as JsonObject;
        var (endpointNode, endpointAt) = FindEndpointConfiguration(document);
        var endpoint = ImportJson.Object(endpointNode, endpointAt);

        EndpointConfiguration? endpointConfiguration = null;
        bool? disableExecuteApiEndpoint = null;
        if (endpoint is not null)
        {
            var types = ImportJson.StringList(endpoint, "types", endpointAt).Select(t => t.ToUpperInvariant()).ToArray();
            foreach (var type in types.Where(t => !EndpointTypes.Contains(t)))
            {
                throw ImportJson.Error(DocumentLocation.Child(endpointAt, "types"), $"'{type}' is not one of EDGE, REGIONAL, PRIVATE");
            }
            endpointConfiguration = new EndpointConfiguration(
                overrideTypes ?? (types.Length > 0 ? types : Grains.Interfaces.Definitions.EndpointConfiguration.Default.Types),
                ImportJson.StringList(endpoint, "vpcEndpointIds", endpointAt),
                ImportJson.Scalar(endpoint, "ipAddressType", endpointAt) ?? Grains.Interfaces.Definitions.EndpointConfiguration.Default.IpAddressType);
            disableExecuteApiEndpoint = ImportJson.Boolean(endpoint, "disableExecuteApiEndpoint", endpointAt);
        }
        else if (overrideTypes is not null)
        {
            endpointConfiguration = Grains.Interfaces.Definitions.EndpointConfiguration.Default with { Types = overrideTypes };
        }

        return new ImportedApiSettings(
            info is null ? null : ImportJson.Scalar(info, "title", "info"),
            info is null ? null : ImportJson.Scalar(info, "description", "info"),
            info is null ? null : ImportJson.Scalar(info, "version", "info"),
            ImportJson.StringList(document, BinaryMediaTypes, DocumentLocation.Root),
            ReadApiKeySource(document),
            endpointConfiguration,
            ReadPolicy(document),
            ReadMinimumCompressionSize(document),
            disableExecuteApiEndpoint);
    }

    /// <summary>The <c>endpointConfigurationTypes</c> option: a comma-separated list of endpoint types.</summary>
    public static IReadOnlyList<string>? ParseEndpointTypes(string? types)
    {
        if (string.IsNullOrWhiteSpace(types))
        {
            return null;
        }
        var list = types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToUpperInvariant())
            .ToArray();
        foreach (var type in list.Where(t => !EndpointTypes.Contains(t)))
        {
            throw new OpenApiImportException($"endpointConfigurationTypes: '{type}' is not one of EDGE, REGIONAL, PRIVATE.");
        }
        return list;
    }

    private static (JsonNode? Node, string Location) FindEndpointConfiguration(JsonObject document)
    {
        if (document["servers"] is JsonArray servers)
        {
            for (var i = 0; i < servers.Count; i++)
            {
                if (servers[i] is JsonObject server && server[EndpointConfiguration] is { } node)
                {
                    return (node, DocumentLocation.Child(DocumentLocation.Index("servers", i), EndpointConfiguration));
                }
            }
        }
        return (document[EndpointConfiguration], EndpointConfiguration);
    }

    private static string? ReadApiKeySource(JsonObject document)
    {
        var value = ImportJson.Scalar(document, ApiKeySource, DocumentLocation.Root)?.ToUpperInvariant();
        return value is null or "HEADER" or "AUTHORIZER"
            ? value
            : throw ImportJson.Error(ApiKeySource, $"'{value}' is not one of HEADER, AUTHORIZER");
    }

    private static string? ReadPolicy(JsonObject document) =>
        ImportJson.Object(document[Policy], Policy)?.ToJsonString();

    private static int? ReadMinimumCompressionSize(JsonObject document)
    {
        var size = ImportJson.Integer(document, MinimumCompressionSize, DocumentLocation.Root);
        return size is null or (>= 0 and <= MaximumCompressionSize)
            ? size
            : throw ImportJson.Error(MinimumCompressionSize, $"{size} is outside 0-{MaximumCompressionSize} bytes");
    }
}
