using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using OrleansGateway.Grains.Interfaces.Definitions;

namespace OrleansGateway.Edge.Management.OpenApi;

/// <summary>Parses OpenAPI 3 / Swagger 2 (JSON or YAML) with API Gateway extensions into an <see cref="OpenApiImportResult"/>. Pure: no side effects, so import is atomic.</summary>
/// <remarks>
/// The document is read twice over: as the raw tree the author wrote (where extensions sit, whether
/// <c>paths</c> exists, the Swagger <c>basePath</c>) and as Microsoft.OpenApi's OpenAPI 3 rendering of
/// it, which turns Swagger 2 into OpenAPI 3 so the rest of the import reads one shape.
/// </remarks>
public sealed partial class OpenApiImporter
{
    /// <summary>API Gateway's import size limit (6 MB).</summary>
    public const int MaxDocumentBytes = 6 * 1024 * 1024;

    private const int MaxWarningsInFailure = 10;

    private static readonly Dictionary<string, string> OperationKeys = new(StringComparer.Ordinal)
    {
        ["get"] = "GET", ["put"] = "PUT", ["post"] = "POST", ["delete"] = "DELETE",
        ["options"] = "OPTIONS", ["head"] = "HEAD", ["patch"] = "PATCH", [ExtensionCatalog.AnyMethod] = "ANY",
    };

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
        var normalized = Normalize(raw, swagger, warnings);
        ExtensionCatalog.CollectWarnings(raw, DocumentLocation.Root, warnings);
        if (raw["security"] is JsonArray { Count: > 0 })
        {
            warnings.Add("security at root: applied to every operation that declares no security of its own (as AWS's recorded imports do; AWS documents root-level security as ignored)");
        }

        var settings = ApiSettingsReader.Read(normalized, endpointTypes);
        var extensions = RootExtensions(normalized);
        MethodSecurityReader.ValidateSchemes(normalized["components"]?["securitySchemes"] as JsonObject,
            swagger ? "securityDefinitions" : "components.securitySchemes");
        var resources = Resources(normalized, ImportBasePath.Prefix(raw, swagger, basePathMode), warnings);

        var distinctWarnings = warnings.Distinct(StringComparer.Ordinal).ToArray();
        if (options.FailOnWarnings && distinctWarnings.Length > 0)
        {
            var listed = string.Join("; ", distinctWarnings.Take(MaxWarningsInFailure));
            var more = distinctWarnings.Length > MaxWarningsInFailure ? $"; and {distinctWarnings.Length - MaxWarningsInFailure} more" : "";
            throw new OpenApiImportException(
                $"Import failed because failonwarnings is set and the document raised {distinctWarnings.Length} warning(s): {listed}{more}");
        }

        var documentJson = (JsonObject)normalized.DeepClone();
        documentJson.Remove("paths");
        foreach (var name in extensions.Keys)
        {
            documentJson.Remove(name);
        }
        return new OpenApiImportResult(new ApiDefinition(resources, extensions, documentJson.ToJsonString()), settings, distinctWarnings);
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

    /// <summary>Reads the document with Microsoft.OpenApi and renders it as OpenAPI 3 JSON.</summary>
    private static JsonObject Normalize(JsonObject raw, bool swagger, List<string> warnings)
    {
        try
        {
            return NormalizeWithLibrary(raw, swagger, warnings);
        }
        catch (Exception ex) when (ex is OpenApiException or FormatException or InvalidOperationException or ArgumentException)
        {
            // The library throws for some shapes it cannot model (a security scheme without a type,
            // a non-boolean "required"); they are the caller's input errors, never a server fault.
            throw new OpenApiImportException($"Invalid OpenAPI input: the OpenAPI parser could not read the document: {ex.Message}");
        }
    }

    private static JsonObject NormalizeWithLibrary(JsonObject raw, bool swagger, List<string> warnings)
    {
        var read = OpenApiSpecConverter.Read(raw);
        var fatal = new List<OpenApiError>();
        foreach (var error in read.Diagnostic?.Errors ?? [])
        {
            // API Gateway ignores host on import; its own exports carry placeholders such as {region} there.
            if (swagger && error.Message.Contains("host", StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add($"host: {error.Message}; ignored, import does not use the host");
            }
            else if (UnknownProperty().Match(error.Message) is { Success: true } unknown)
            {
                // Like API Gateway, unknown members are skipped rather than fatal; the warning says so.
                var name = unknown.Groups["name"].Value;
                var hint = OperationKeys.ContainsKey(name.ToLowerInvariant()) ? " (operation keys are lower case)" : "";
                warnings.Add($"{PointerLocation(unknown.Groups["pointer"].Value)}: '{name}' is not an OpenAPI property{hint}; ignored");
            }
            else
            {
                fatal.Add(error);
            }
        }
        if (fatal.Count > 0 || read.Document is null)
        {
            var first = fatal.Count > 0 ? $"{PointerLocation(fatal[0].Pointer)}: {fatal[0].Message}" : "the parser produced no document";
            var more = fatal.Count > 1 ? $" (and {fatal.Count - 1} more error(s))" : "";
            throw new OpenApiImportException($"Invalid OpenAPI input: {first}{more}");
        }
        foreach (var warning in read.Diagnostic?.Warnings ?? [])
        {
            warnings.Add($"{PointerLocation(warning.Pointer)}: {warning.Message}");
        }

        var version = read.Diagnostic?.SpecificationVersion ?? OpenApiSpecVersion.OpenApi3_0;
        if (swagger)
        {
            ConvertAnyMethods(read.Document);
        }
        return OpenApiSpecConverter.ToOpenApi3Json(read.Document, version);
    }

    /// <summary>The library converts operations but not extension values, so a Swagger 2 ANY operation is converted here.</summary>
    private static void ConvertAnyMethods(OpenApiDocument document)
    {
        foreach (var (path, item) in document.Paths ?? [])
        {
            if (item is OpenApiPathItem { Extensions: { } pathExtensions }
                && pathExtensions.TryGetValue(ExtensionCatalog.AnyMethod, out var extension)
                && extension is JsonNodeExtension { Node: JsonObject operation })
            {
                var converted = OpenApiSpecConverter.ConvertOperation(operation, OpenApiSpecVersion.OpenApi2_0, OpenApiSpecVersion.OpenApi3_0, document,
                    DocumentLocation.Operation(path, ExtensionCatalog.AnyMethod));
                pathExtensions[ExtensionCatalog.AnyMethod] = new JsonNodeExtension(converted);
            }
        }
    }

    private static IReadOnlyList<ResourceDefinition> Resources(JsonObject document, IReadOnlyList<string> prefix, List<string> warnings)
    {
        var tree = new ResourceTree();
        var methods = new MethodDefinitionReader(document, warnings);
        foreach (var (path, value) in (JsonObject)document["paths"]!)
        {
            var location = "paths." + path;
            var segments = prefix.Concat(ResourcePaths.Segments(path, location)).ToArray();
            if (LocalReference.Resolve(document, value, location) is not JsonObject item)
            {
                throw ImportJson.Error(location, $"expected a path item object, found {ImportJson.Describe(value)}");
            }
            var resource = tree.Add(segments, location);
            var pathExtensions = item
                .Where(p => ExtensionCatalog.IsApiGatewayExtension(p.Key) && p.Key != ExtensionCatalog.AnyMethod)
                .ToDictionary(p => p.Key, p => p.Value?.ToJsonString() ?? "null", StringComparer.Ordinal);
            var methodCount = 0;
            foreach (var (key, operationNode) in item)
            {
                if (key == "trace")
                {
                    throw ImportJson.Error(DocumentLocation.Operation(path, key), "API Gateway does not support the TRACE method");
                }
                if (!OperationKeys.TryGetValue(key, out var httpMethod))
                {
                    continue;
                }
                var operationAt = DocumentLocation.Operation(path, key);
                if (ImportJson.Object(operationNode, operationAt) is not { } operation)
                {
                    throw ImportJson.Error(operationAt, "expected an operation object, found null");
                }
                if (resource.ContainsKey(httpMethod))
                {
                    throw ImportJson.Error(operationAt, $"{httpMethod} on resource '{ResourcePaths.Join(segments)}' is already defined by another path");
                }
                resource[httpMethod] = methods.Read(httpMethod, operation, operationAt, segments, item["parameters"] as JsonArray, pathExtensions);
                methodCount++;
            }
            if (methodCount == 0 && pathExtensions.Count > 0)
            {
                warnings.Add($"{string.Join(", ", pathExtensions.Keys)} at {location}: the path has no methods to keep it on; not stored");
            }
        }
        return tree.ToList();
    }

    /// <summary>Root-level extensions as raw JSON; object-valued ones given as strings holding JSON are stored as the object.</summary>
    private static Dictionary<string, string> RootExtensions(JsonObject document)
    {
        var extensions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in document)
        {
            if (!ExtensionCatalog.IsApiGatewayExtension(key))
            {
                continue;
            }
            extensions[key] = ObjectValuedRootExtensions.Contains(key)
                ? ImportJson.Object(value, key)?.ToJsonString() ?? "null"
                : value?.ToJsonString() ?? "null";
        }
        ValidateRequestValidators(document);
        return extensions;
    }

    private static readonly HashSet<string> ObjectValuedRootExtensions = new(StringComparer.Ordinal)
    {
        ApiSettingsReader.Policy, ApiSettingsReader.EndpointConfiguration, ExtensionCatalog.RequestValidators,
        "x-amazon-apigateway-gateway-responses", "x-amazon-apigateway-cors", "x-amazon-apigateway-documentation",
    };

    private static void ValidateRequestValidators(JsonObject document)
    {
        var validators = ImportJson.Object(document[ExtensionCatalog.RequestValidators], ExtensionCatalog.RequestValidators);
        foreach (var (name, value) in validators ?? [])
        {
            var at = DocumentLocation.Child(ExtensionCatalog.RequestValidators, name);
            var validator = value as JsonObject ?? throw ImportJson.Error(at, $"expected an object, found {ImportJson.Describe(value)}");
            ImportJson.Boolean(validator, "validateRequestBody", at);
            ImportJson.Boolean(validator, "validateRequestParameters", at);
        }
    }

    [GeneratedRegex(@"^(?<name>.+) is not a valid property at (?<pointer>#.*)$")]
    private static partial Regex UnknownProperty();

    // "#/paths/~1pets/get" → "paths./pets.get", matching the importer's own locations.
    private static string PointerLocation(string? pointer)
    {
        if (string.IsNullOrEmpty(pointer) || pointer is "#" or "#/")
        {
            return DocumentLocation.Root;
        }
        var tokens = pointer.TrimStart('#').Trim('/').Split('/')
            .Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return string.Join('.', tokens);
    }
}
