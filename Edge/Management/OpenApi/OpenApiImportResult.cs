using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>What an OpenAPI import yields: the definition, the API settings the document carries, and warnings.</summary>
public sealed record OpenApiImportResult(
    ApiDefinition Definition,
    ImportedApiSettings Settings,
    IReadOnlyList<string> Warnings);
