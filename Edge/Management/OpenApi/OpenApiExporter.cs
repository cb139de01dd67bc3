using OrleansGateway.Grains.Interfaces.Deployments;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>An exported document and its content type.</summary>
public sealed record ExportedDocument(string Body, string ContentType, string FileName);

/// <summary>GetExport: writes a stage's deployment as OpenAPI 3 (<c>oas30</c>) or Swagger 2 (<c>swagger</c>), JSON or YAML.</summary>
public sealed class OpenApiExporter
{
    /// <summary>Exports; <paramref name="extensions"/> holds the <c>extensions</c> query values (integrations, apigateway, authorizers, postman).</summary>
    public ExportedDocument Export(DeploymentSnapshot deployment, StageRecord stage, string exportType, bool yaml, IReadOnlySet<string> extensions, string host)
        => throw new NotImplementedException(); // STUB: helper B replaces
}
