using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>What an OpenAPI import yields: the definition, the API settings the document carries, and warnings.</summary>
public sealed record OpenApiImportResult(
    ApiDefinition Definition,
    ImportedApiSettings Settings,
    IReadOnlyList<string> Warnings);

/// <summary>API settings read from the document (title, extensions at the root); null where the document is silent.</summary>
public sealed record ImportedApiSettings(
    string? Name,
    string? Description,
    string? Version,
    IReadOnlyList<string> BinaryMediaTypes,
    string? ApiKeySource,
    EndpointConfiguration? EndpointConfiguration,
    string? Policy,
    int? MinimumCompressionSize,
    bool? DisableExecuteApiEndpoint);
