using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using OrleansGateway.Grains.Interfaces.Deployments;
using OrleansGateway.Grains.Interfaces.Management;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>An exported document and its content type.</summary>
public sealed record ExportedDocument(string Body, string ContentType, string FileName);

/// <summary>GetExport: writes a stage's deployment as OpenAPI 3 (<c>oas30</c>) or Swagger 2 (<c>swagger</c>), JSON or YAML.</summary>
/// <remarks>
/// The document is assembled as OpenAPI 3 JSON and written through Microsoft.OpenApi, so the
/// Swagger 2 conversion and the YAML rendering are the library's.
/// </remarks>
public sealed class OpenApiExporter
{
    private const string ApiGatewayExtensions = "apigateway";
    private const string IntegrationExtensions = "integrations";
    private const string AuthorizerExtensions = "authorizers";

    /// <summary>Exports; <paramref name="extensions"/> holds the <c>extensions</c> query values (integrations, apigateway, authorizers, postman).</summary>
    public ExportedDocument Export(DeploymentSnapshot deployment, StageRecord stage, string exportType, bool yaml, IReadOnlySet<string> extensions, string host)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(extensions);
        var swagger = exportType?.ToLowerInvariant() switch
        {
            "oas30" => false,
            "swagger" => true,
            _ => throw ManagementException.BadRequest($"Invalid export type '{exportType}'. Valid values are oas30 and swagger."),
        };
        var include = new HashSet<string>(extensions, StringComparer.OrdinalIgnoreCase);
        var keepAll = include.Contains(ApiGatewayExtensions) || include.Contains(IntegrationExtensions);
        var keepAuthorizers = keepAll || include.Contains(AuthorizerExtensions);
        var bareHost = host.Contains("://", StringComparison.Ordinal) ? host[(host.IndexOf("://", StringComparison.Ordinal) + 3)..] : host;

        var json = ExportedDocumentBuilder.Build(deployment, stage.StageName, bareHost.TrimEnd('/'), swagger);
        if (!keepAll)
        {
            StripExtensions(json, keepAuthorizers);
        }

        var read = OpenApiSpecConverter.Read(json);
        var document = read.Document
            ?? throw new InvalidOperationException($"The deployment's stored document cannot be read back: {read.Diagnostic?.Errors.FirstOrDefault()?.Message}");
        if (swagger)
        {
            // Swagger's host and basePath come from a concrete URL, not from server variables.
            document.Servers = [new OpenApiServer { Url = $"https://{bareHost.TrimEnd('/')}/{stage.StageName}" }];
            ConvertAnyMethodsToSwagger(document);
        }

        var extension = yaml ? "yaml" : "json";
        return new ExportedDocument(
            OpenApiSpecConverter.Write(document, swagger, yaml),
            yaml ? "application/yaml" : "application/json",
            $"{FileNamePart(deployment.Api.Name)}-{FileNamePart(stage.StageName)}-{(swagger ? "swagger" : "oas30")}.{extension}");
    }

    private static void ConvertAnyMethodsToSwagger(OpenApiDocument document)
    {
        foreach (var (path, item) in document.Paths ?? [])
        {
            if (item is OpenApiPathItem { Extensions: { } pathExtensions }
                && pathExtensions.TryGetValue(ExtensionCatalog.AnyMethod, out var extension)
                && extension is JsonNodeExtension { Node: JsonObject operation })
            {
                pathExtensions[ExtensionCatalog.AnyMethod] = new JsonNodeExtension(OpenApiSpecConverter.ConvertOperation(
                    operation, OpenApiSpecVersion.OpenApi3_0, OpenApiSpecVersion.OpenApi2_0, document, DocumentLocation.Operation(path, ExtensionCatalog.AnyMethod)));
            }
        }
    }

    /// <summary>Removes API Gateway extensions everywhere except inside ANY operations' carriers, which hold the operation itself.</summary>
    private static void StripExtensions(JsonNode? node, bool keepAuthorizers)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToArray())
                {
                    if (ExtensionCatalog.IsApiGatewayExtension(key) && key != ExtensionCatalog.AnyMethod
                        && !(keepAuthorizers && key is MethodSecurityReader.AuthorizerExtension or MethodSecurityReader.AuthTypeExtension))
                    {
                        obj.Remove(key);
                    }
                    else
                    {
                        StripExtensions(obj[key], keepAuthorizers);
                    }
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    StripExtensions(child, keepAuthorizers);
                }
                break;
        }
    }

    private static string FileNamePart(string value) =>
        new(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
