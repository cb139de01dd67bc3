using System.Text.Json.Nodes;
using OrleansGateway.Edge.DataPlane.Authorization.ResourcePolicies;
using OrleansGateway.Edge.Security.Policies;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>Parses OpenAPI 3 / Swagger 2 (JSON or YAML) with API Gateway extensions into an <see cref="OpenApiImportResult"/>. Pure: no side effects, so import is atomic.</summary>
/// <remarks>
/// The document is read twice over: as the raw tree the author wrote (where extensions sit, whether
/// <c>paths</c> exists, the Swagger <c>basePath</c>) and as Microsoft.OpenApi's OpenAPI 3 rendering of
/// it, which turns Swagger 2 into OpenAPI 3 so the rest of the import reads one shape.
/// </remarks>
public sealed class OpenApiImporter
{
    /// <summary>API Gateway's import size limit (6 MB).</summary>
    public const int MaxDocumentBytes = 6 * 1024 * 1024;

    /// <summary>The most warnings an import result keeps.</summary>
    public const int MaxWarningsKept = 100;

    private const int MaxWarningsInFailure = 10;

    /// <summary>Imports a document; throws <see cref="OpenApiImportException"/> when it cannot be imported.</summary>
    public OpenApiImportResult Import(ReadOnlyMemory<byte> document, OpenApiImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (document.Length > MaxDocumentBytes)
        {
            throw new OpenApiImportException(
                $"Invalid OpenAPI input: the document is {document.Length} bytes; API Gateway imports documents of at most 6 MB ({MaxDocumentBytes} bytes).");
        }
        var basePathMode = ImportBasePath.Mode(options.BasePath);
        var endpointTypes = ApiSettingsReader.ParseEndpointTypes(options.EndpointConfigurationTypes);

        var raw = OpenApiDocumentText.Parse(document.Span);
        var swagger = IsSwagger(raw);
        if (CloudFormationIntrinsics.FindFirst(raw, DocumentLocation.Root) is { } intrinsic)
        {
            throw ImportJson.Error(intrinsic.Location,
                $"unresolved CloudFormation intrinsic '{intrinsic.Name}'; CloudFormation or SAM resolves it before calling API Gateway, so the document cannot be imported as it stands");
        }
        if (raw["paths"] is not JsonObject)
        {
            throw ImportJson.Error("paths", raw["paths"] is null
                ? "the document has no paths object"
                : $"expected an object, found {ImportJson.Describe(raw["paths"])}");
        }

        // Path keys are checked as written, before the parser, whose messages for them are vaguer.
        foreach (var (path, _) in (JsonObject)raw["paths"]!)
        {
            ResourcePaths.Segments(path, "paths." + path);
        }

        var warnings = new List<string>();
        MethodSecurityReader.CheckRequirements(raw, swagger, warnings);
        var normalized = OpenApiNormalizer.Normalize(raw, swagger, warnings);
        ExtensionCatalog.CollectWarnings(raw, DocumentLocation.Root, warnings);
        if (raw["security"] is JsonArray { Count: > 0 })
        {
            warnings.Add("security at root: applied to every operation that declares no security of its own (as AWS's recorded imports do; AWS documents root-level security as ignored)");
        }

        var settings = ApiSettingsReader.Read(normalized, endpointTypes);
        ValidatePolicy(settings.Policy);
        var extensions = RootExtensionReader.Read(normalized);
        MethodSecurityReader.ValidateSchemes(normalized["components"]?["securitySchemes"] as JsonObject,
            swagger ? "securityDefinitions" : "components.securitySchemes");
        var resources = ResourceReader.Read(normalized, ImportBasePath.Prefix(raw, swagger, basePathMode), warnings);

        var distinctWarnings = warnings.Distinct(StringComparer.Ordinal).ToArray();
        if (options.FailOnWarnings && distinctWarnings.Length > 0)
        {
            var listed = string.Join("; ", distinctWarnings.Take(MaxWarningsInFailure));
            var more = distinctWarnings.Length > MaxWarningsInFailure ? $"; and {distinctWarnings.Length - MaxWarningsInFailure} more" : "";
            throw new OpenApiImportException(
                $"Import failed because failonwarnings is set and the document raised {distinctWarnings.Length} warning(s): {listed}{more}");
        }
        if (distinctWarnings.Length > MaxWarningsKept)
        {
            // Warnings are stored with the API; a document with thousands of unknown extensions must not bloat it.
            distinctWarnings = [.. distinctWarnings.Take(MaxWarningsKept), $"{distinctWarnings.Length - MaxWarningsKept} more warning(s) not shown"];
        }

        var documentJson = (JsonObject)normalized.DeepClone();
        documentJson.Remove("paths");
        foreach (var name in extensions.Keys)
        {
            documentJson.Remove(name);
        }
        var authorizers = AuthorizerDefinitionReader.Read(normalized["components"]?["securitySchemes"] as JsonObject,
            swagger ? "securityDefinitions" : "components.securitySchemes");
        return new OpenApiImportResult(
            new ApiDefinition(resources, extensions, documentJson.ToJsonString()) { Authorizers = authorizers, Policy = settings.Policy },
            settings,
            distinctWarnings);
    }

    /// <summary>A resource policy that the data plane could not enforce is refused at import, not at deployment.</summary>
    private static void ValidatePolicy(string? policy)
    {
        if (policy is null)
        {
            return;
        }
        try
        {
            ResourcePolicyReader.Validate(policy);
        }
        catch (PolicyDocumentException ex)
        {
            throw ImportJson.Error(ApiSettingsReader.Policy, ex.Message);
        }
    }

    private static bool IsSwagger(JsonObject raw)
    {
        if (raw["openapi"] is { } openapi)
        {
            var version = ImportJson.Scalar(openapi, "openapi");
            return version is not null && version.StartsWith("3.", StringComparison.Ordinal)
                ? false
                : throw ImportJson.Error("openapi", $"version '{version}' is not supported; import reads OpenAPI 3.x and Swagger 2.0");
        }
        if (raw["swagger"] is { } swagger)
        {
            var version = ImportJson.Scalar(swagger, "swagger");
            return version is "2.0" or "2"
                ? true
                : throw ImportJson.Error("swagger", $"version '{version}' is not supported; import reads OpenAPI 3.x and Swagger 2.0");
        }
        throw new OpenApiImportException("Invalid OpenAPI input: the document declares neither 'openapi: 3.x' nor 'swagger: \"2.0\"'.");
    }
}
