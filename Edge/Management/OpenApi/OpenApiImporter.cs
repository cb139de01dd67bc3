namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>Parses OpenAPI 3 / Swagger 2 (JSON or YAML) with API Gateway extensions into an <see cref="OpenApiImportResult"/>. Pure: no side effects, so import is atomic.</summary>
public sealed class OpenApiImporter
{
    /// <summary>Imports a document; throws <see cref="OpenApiImportException"/> when it cannot be imported.</summary>
    public OpenApiImportResult Import(ReadOnlyMemory<byte> document, OpenApiImportOptions options) => throw new NotImplementedException(); // STUB: helper B replaces
}
